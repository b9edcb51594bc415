package io.sluice.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.transport.Transport;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Vert.x's NIO transport, with listening sockets that guard the gateway's ports: a connection must
 * send its first request's headers within {@code headerTimeoutMs} of its first byte, and send
 * something within {@code idleTimeoutMs} of being accepted ({@link FirstRequestTimeout}); a failed
 * accept (out of file handles) pauses accepting for a second and is logged once per outage
 * ({@link GuardedServerChannel}). Later requests on a connection are watched by
 * {@link ConnectionTimeouts}. On a TLS port, TLS is ended first, so the timeouts count decrypted bytes. Other listening sockets (the clustered event bus) are left alone.
 */
public final class GatewayTransport implements Transport {
  private final io.vertx.core.spi.transport.Transport nio = Transport.NIO.implementation();
  private final Set<Integer> guardedPorts = ConcurrentHashMap.newKeySet();
  private final Map<Integer, SslContext> tlsPorts = new ConcurrentHashMap<>();
  private final long headerTimeoutMs;
  private final long idleTimeoutMs;
  private final Implementation implementation = new Implementation();

  public GatewayTransport(long headerTimeoutMs, long idleTimeoutMs) {
    this.headerTimeoutMs = headerTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Guards the listening sockets on {@code port} (call before the gateways listen). */
  public void guard(int port) {
    guardedPorts.add(port);
  }

  /**
   * Guards {@code port} and ends TLS there with {@code tls}, in front of Vert.x, which sees clear
   * text: its detection of the HTTP/2 preface then serves HTTP/2 whether or not the client
   * negotiated it by ALPN (Vert.x's own TLS takes HTTP/1.1 for a client that offers no ALPN).
   */
  public void guardTls(int port, SslContext tls) {
    tlsPorts.put(port, tls);
    guard(port);
  }

  boolean guards(int port) {
    return guardedPorts.contains(port);
  }

  /** The TLS context of a TLS port, else null. */
  SslContext tls(int port) {
    return tlsPorts.get(port);
  }

  FirstRequestTimeout firstRequestTimeout() {
    return new FirstRequestTimeout(headerTimeoutMs, idleTimeoutMs);
  }

  @Override
  public String name() {
    return "nio";
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Throwable unavailabilityCause() {
    return null;
  }

  @Override
  public io.vertx.core.spi.transport.Transport implementation() {
    return implementation;
  }

  /** NIO's, but for the listening TCP sockets. */
  private final class Implementation implements io.vertx.core.spi.transport.Transport {
    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
      return domainSocket ? nio.serverChannelFactory(true) : () -> new GuardedServerChannel(GatewayTransport.this);
    }

    @Override
    public boolean supportsDomainSockets() {
      return nio.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
      return nio.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
      return nio.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return nio.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(SocketAddress address) {
      return nio.convert(address);
    }

    @Override
    public SocketAddress convert(java.net.SocketAddress address) {
      return nio.convert(address);
    }

    @Override
    public IoHandlerFactory ioHandlerFactory() {
      return nio.ioHandlerFactory();
    }

    @Override
    public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory factory, int ioRatio) {
      return nio.eventLoopGroup(type, threads, factory, ioRatio);
    }

    @Override
    public DatagramChannel datagramChannel() {
      return nio.datagramChannel();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
      return nio.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
      return nio.channelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
      nio.configure(channel, options);
    }

    @Override
    public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
      nio.configure(options, connectTimeout, domainSocket, bootstrap);
    }

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
      nio.configure(options, domainSocket, bootstrap);
    }
  }
}

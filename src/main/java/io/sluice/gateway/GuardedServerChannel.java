package io.sluice.gateway;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.sluice.logging.OutageLog;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A listening socket of {@link GatewayTransport}. On a gateway port it puts a
 * {@link FirstRequestTimeout} in front of every accepted connection, and on a TLS port a TLS
 * handler in front of that. On any port, an accept that
 * fails (EMFILE: the process is out of file handles) no longer travels Netty's error path, which
 * logs a stack trace per attempt and, when even the log needs a file, kills the acceptor thread:
 * it is counted in an {@link OutageLog}, and accepting pauses for a second and resumes by itself,
 * the connections waiting meanwhile in the kernel's backlog.
 */
final class GuardedServerChannel extends NioServerSocketChannel {
  private static final long PAUSE_MS = 1000;
  private static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final GatewayTransport transport;
  // Made before they are needed: when accepting fails for want of file handles, loading a class
  // from a directory on the class path would fail too.
  private final Runnable resume = new Resume();
  private OutageLog acceptFailures;
  private boolean paused;

  GuardedServerChannel(GatewayTransport transport) {
    this.transport = transport;
  }

  @Override
  protected void doBind(SocketAddress local) throws Exception {
    super.doBind(local);
    acceptFailures = new OutageLog("Accepting connections on " + localAddress(),
        "connections wait in the backlog and are accepted once file handles are free", System::nanoTime,
        SUMMARY_NANOS);
  }

  @Override
  protected int doReadMessages(List<Object> accepted) throws Exception {
    int before = accepted.size();
    int count;
    try {
      count = super.doReadMessages(accepted);
    } catch (IOException e) {
      acceptFailures.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      pause();
      return 0;
    }
    if (count > 0) {
      acceptFailures.succeeded();
      int port = localAddress().getPort();
      if (transport.guards(port)) {
        SslContext tls = transport.tls(port);
        for (int i = before; i < accepted.size(); i++) {
          Channel channel = (Channel) accepted.get(i);
          channel.pipeline().addFirst(transport.firstRequestTimeout());
          if (tls != null) {
            channel.pipeline().addFirst(tls.newHandler(channel.alloc()));
          }
        }
      }
    }
    return count;
  }

  /** As Netty's own acceptor does on a failed accept: stop reading for a while instead of spinning. */
  private void pause() {
    if (paused) {
      return;
    }
    paused = true;
    config().setAutoRead(false);
    eventLoop().schedule(resume, PAUSE_MS, TimeUnit.MILLISECONDS);
  }

  private final class Resume implements Runnable {
    @Override
    public void run() {
      paused = false;
      config().setAutoRead(true);
    }
  }
}

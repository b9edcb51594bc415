package io.sluice.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first bytes of a gateway connection, before any HTTP parsing (Vert.x creates its connection
 * only once a request's headers are complete, so nothing above sees a connection that never gets
 * there): closes it when nothing arrives within {@code idleTimeoutMs} of the accept, or when the
 * first request's headers (up to the empty line) are not complete within {@code headerTimeoutMs} of
 * their first byte, however slowly bytes keep coming. Removes itself once they are. One per connection.
 */
final class FirstRequestTimeout extends ChannelInboundHandlerAdapter {
  /** First byte of a TLS record carrying a handshake: encrypted bytes are not this handler's to read. */
  private static final byte TLS_HANDSHAKE = 0x16;

  private final long headerTimeoutMs;
  private final long idleTimeoutMs;
  private ScheduledFuture<?> timer;
  private boolean started;
  private boolean atLineStart;

  FirstRequestTimeout(long headerTimeoutMs, long idleTimeoutMs) {
    this.headerTimeoutMs = headerTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx, idleTimeoutMs);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
      if (!started) {
        started = true;
        if (bytes.getByte(bytes.readerIndex()) == TLS_HANDSHAKE) {
          ctx.fireChannelRead(msg);
          done(ctx);
          return;
        }
        arm(ctx, headerTimeoutMs);
      }
      boolean headersComplete = bytes.forEachByte(this::beforeHeadersEnd) >= 0;
      ctx.fireChannelRead(msg);
      if (headersComplete) {
        done(ctx);
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  /** A {@link ByteProcessor}: false at the line feed that ends an empty line (the headers' end). */
  private boolean beforeHeadersEnd(byte b) {
    if (b == '\n') {
      if (atLineStart) {
        return false;
      }
      atLineStart = true;
    } else if (b != '\r') {
      atLineStart = false;
    }
    return true;
  }

  private void done(ChannelHandlerContext ctx) {
    cancel();
    ctx.pipeline().remove(this);
  }

  private void arm(ChannelHandlerContext ctx, long delayMs) {
    cancel();
    timer = ctx.executor().schedule(() -> {
      ctx.close();
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}

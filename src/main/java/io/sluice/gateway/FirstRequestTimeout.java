package io.sluice.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first bytes of a gateway connection, before any HTTP parsing (Vert.x creates its connection
 * only once a request's headers are complete, so nothing above sees a connection that never gets
 * there): closes it when nothing arrives within {@code idleTimeoutMs} of the accept, or when the
 * first request's headers (up to the empty line) are not complete within {@code headerTimeoutMs} of
 * their first byte, however slowly bytes keep coming. For HTTP/2 with prior knowledge, the
 * "headers" are the connection preface and the client's first frame (its SETTINGS, RFC 9113
 * section 3.4), after which Vert.x creates the connection. Removes itself once they are complete.
 * One per connection.
 */
final class FirstRequestTimeout extends ChannelInboundHandlerAdapter {
  /** First byte of a TLS record carrying a handshake: encrypted bytes are not this handler's to read. */
  private static final byte TLS_HANDSHAKE = 0x16;
  /** The HTTP/2 client connection preface (RFC 9113 section 3.4). */
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FRAME_HEADER_BYTES = 9;

  private final long headerTimeoutMs;
  private final long idleTimeoutMs;
  private ScheduledFuture<?> timer;
  private boolean started;
  private boolean atLineStart;
  private boolean emptyLineSeen;
  /** Bytes seen so far, while every one matched the HTTP/2 preface (and then its first frame). */
  private long offset;
  private boolean http2 = true;
  private int frameLength;

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

  /**
   * A {@link ByteProcessor}: false at the byte that completes the first request's headers (the line
   * feed ending an empty line; for HTTP/2, the last byte of the frame after the preface).
   */
  private boolean beforeHeadersEnd(byte b) {
    boolean lineEnd = endsEmptyLine(b);
    if (!http2) {
      return !lineEnd;
    }
    long at = offset++;
    if (at < PREFACE.length) {
      if (b == PREFACE[(int) at]) {
        return true;
      }
      // Not HTTP/2 after all: HTTP/1 rules from here, for the bytes seen too.
      http2 = false;
      return !(lineEnd || emptyLineSeen);
    }
    long inHeader = at - PREFACE.length;
    if (inHeader < 3) {
      frameLength = (frameLength << 8) | (b & 0xff);
    }
    return inHeader < FRAME_HEADER_BYTES - 1 + frameLength;
  }

  private boolean endsEmptyLine(byte b) {
    if (b == '\n') {
      if (atLineStart) {
        emptyLineSeen = true;
        return true;
      }
      atLineStart = true;
    } else if (b != '\r') {
      atLineStart = false;
    }
    return false;
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

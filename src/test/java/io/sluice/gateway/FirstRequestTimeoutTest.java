package io.sluice.gateway;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** When the first request's headers are complete, for HTTP/1 and for HTTP/2 with prior knowledge. */
class FirstRequestTimeoutTest {
  private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  /** A SETTINGS frame with one setting (6 bytes of payload). */
  private static final byte[] SETTINGS = {0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100};

  @Test
  void http2IsCompleteOnlyAtTheLastByteOfTheFrameAfterThePreface() {
    EmbeddedChannel channel = channel();

    // Given the preface and all but the last byte of its SETTINGS frame, a byte at a time
    for (byte b : PREFACE.getBytes(StandardCharsets.US_ASCII)) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    for (int i = 0; i < SETTINGS.length - 1; i++) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {SETTINGS[i]}));
    }
    assertNotNull(channel.pipeline().get(FirstRequestTimeout.class), "done before the frame ended");

    // When its last byte arrives, then the headers are complete
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {SETTINGS[SETTINGS.length - 1]}));
    assertNull(channel.pipeline().get(FirstRequestTimeout.class));
    assertTrue(channel.isOpen());
  }

  @Test
  void http1IsCompleteAtTheEmptyLine() {
    EmbeddedChannel channel = channel();

    channel.writeInbound(text("POST / HTTP/1.1\r\nHost: x\r\n"));
    assertNotNull(channel.pipeline().get(FirstRequestTimeout.class));
    channel.writeInbound(text("\r\n"));

    assertNull(channel.pipeline().get(FirstRequestTimeout.class));
  }

  @Test
  void http1RequestThatStartsLikeThePrefaceIsCompleteOnceItDiffers() {
    EmbeddedChannel channel = channel();

    // The empty line came while the bytes still matched the preface
    channel.writeInbound(text("PRI * HTTP/2.0\r\n\r\n"));
    assertNotNull(channel.pipeline().get(FirstRequestTimeout.class));
    channel.writeInbound(text("X"));

    assertNull(channel.pipeline().get(FirstRequestTimeout.class));
    assertTrue(channel.isOpen());
  }

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(new FirstRequestTimeout(60_000, 60_000));
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }
}

package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** HTTP/2 written by hand, for tests that need what no client sends (RFC 9113, RFC 7541). */
public final class RawHttp2 {
  /** The client connection preface (RFC 9113 section 3.4). */
  public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
  public static final byte[] EMPTY_SETTINGS = frame(4, 0, 0, new byte[0]);
  public static final int DATA = 0;
  public static final int HEADERS = 1;
  public static final int RST_STREAM = 3;
  public static final int SETTINGS = 4;
  public static final int END_STREAM = 0x1;
  public static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY = 0x20;

  private RawHttp2() {}

  /** The preface and an empty SETTINGS frame: what opens a connection. */
  public static byte[] opening() {
    ByteBuffer all = ByteBuffer.allocate(PREFACE.length + EMPTY_SETTINGS.length);
    return all.put(PREFACE).put(EMPTY_SETTINGS).array();
  }

  /** A frame (RFC 9113 section 4.1). */
  public static byte[] frame(int type, int flags, int stream, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
    frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
    frame.put((byte) type).put((byte) flags).putInt(stream).put(payload);
    return frame.array();
  }

  /** HPACK literal fields without indexing or Huffman coding (RFC 7541 section 6.2.2); short strings only. */
  public static byte[] headerBlock(String... namesAndValues) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (int i = 0; i < namesAndValues.length; i++) {
      if (i % 2 == 0) {
        block.write(0);
      }
      byte[] text = namesAndValues[i].getBytes(StandardCharsets.US_ASCII);
      block.write(text.length);
      block.writeBytes(text);
    }
    return block.toByteArray();
  }

  /**
   * Reads frames until one of {@code type} on {@code stream} arrives; its payload (for HEADERS, the
   * header block, without padding or priority). Fails after 10 s.
   */
  public static byte[] awaitFrame(InputStream in, int type, int stream) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      byte[] header = readFully(in, 9, deadline);
      int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
      byte[] payload = readFully(in, length, deadline);
      if (header[3] == type && ByteBuffer.wrap(header, 5, 4).getInt() == stream) {
        return type == HEADERS ? headerBlockOf(header[4], payload) : payload;
      }
    }
    throw new AssertionError("no frame of type " + type + " on stream " + stream);
  }

  private static byte[] headerBlockOf(int flags, byte[] payload) {
    int padding = (flags & PADDED) != 0 ? payload[0] & 0xff : 0;
    int start = ((flags & PADDED) != 0 ? 1 : 0) + ((flags & PRIORITY) != 0 ? 5 : 0);
    return Arrays.copyOfRange(payload, start, payload.length - padding);
  }

  /** The next {@code count} bytes (the socket may time out reads: they are retried until the deadline). */
  private static byte[] readFully(InputStream in, int count, long deadline) throws IOException {
    byte[] bytes = new byte[count];
    int read = 0;
    while (read < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + read + " of " + count + " bytes arrived");
      }
      try {
        int n = in.read(bytes, read, count - read);
        if (n < 0) {
          throw new AssertionError("closed after " + read + " of " + count + " bytes");
        }
        read += n;
      } catch (SocketTimeoutException e) {
        // keep reading
      }
    }
    return bytes;
  }
}

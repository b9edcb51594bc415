package io.sluice.protocol.eventstream;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes {@link EventMessage}s as event-stream frames. Stateless and thread-safe. */
public final class EventStreamEncoder {
  private EventStreamEncoder() {}

  /**
   * The frame of {@code message}.
   *
   * @throws IllegalArgumentException when a header name is empty or over 255 bytes, a string or
   *     bytes value over 32,767 bytes, the headers over 128 KiB or the payload over 16 MiB
   */
  public static byte[] encode(EventMessage message) {
    byte[] headers = headers(message.headers());
    byte[] payload = message.payload();
    if (payload.length > EventStreamFormat.MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes is over 16 MiB");
    }
    int total = EventStreamFormat.OVERHEAD + headers.length + payload.length;
    ByteBuffer frame = ByteBuffer.allocate(total);
    frame.putInt(total).putInt(headers.length);
    frame.putInt((int) crc(frame.array(), 0, 8));
    frame.put(headers).put(payload);
    frame.putInt((int) crc(frame.array(), 0, total - 4));
    return frame.array();
  }

  private static byte[] headers(Map<String, HeaderValue> headers) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Map.Entry<String, HeaderValue> h : headers.entrySet()) {
        byte[] name = h.getKey().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > EventStreamFormat.MAX_NAME) {
          throw new IllegalArgumentException("header name '" + h.getKey() + "' must be 1 to 255 bytes");
        }
        out.writeByte(name.length);
        out.write(name);
        HeaderValue value = h.getValue();
        out.writeByte(value.typeCode());
        switch (value) {
          case HeaderValue.Bool b -> { }
          case HeaderValue.Int8 v -> out.writeByte(v.value());
          case HeaderValue.Int16 v -> out.writeShort(v.value());
          case HeaderValue.Int32 v -> out.writeInt(v.value());
          case HeaderValue.Int64 v -> out.writeLong(v.value());
          case HeaderValue.Bytes v -> writeVariable(out, h.getKey(), v.value());
          case HeaderValue.Text v -> writeVariable(out, h.getKey(), v.value().getBytes(StandardCharsets.UTF_8));
          case HeaderValue.Timestamp v -> out.writeLong(v.value().toEpochMilli());
          case HeaderValue.Uuid v -> {
            out.writeLong(v.value().getMostSignificantBits());
            out.writeLong(v.value().getLeastSignificantBits());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.size() > EventStreamFormat.MAX_HEADERS) {
      throw new IllegalArgumentException("headers of " + bytes.size() + " bytes are over 128 KiB");
    }
    return bytes.toByteArray();
  }

  private static void writeVariable(DataOutputStream out, String name, byte[] value) throws IOException {
    if (value.length > EventStreamFormat.MAX_VALUE) {
      throw new IllegalArgumentException("header '" + name + "' has " + value.length + " bytes, over 32,767");
    }
    out.writeShort(value.length);
    out.write(value);
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}

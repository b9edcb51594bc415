package io.sluice.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads event-stream frames from bytes that arrive in pieces of any size: {@link #feed} answers the
 * messages completed so far and keeps the rest. Each frame's lengths, prelude CRC (checked before
 * the rest of the frame is awaited), message CRC and headers are validated; the first invalid frame
 * fails with {@link EventStreamException} and the decoder refuses further input. Not thread-safe.
 */
public final class EventStreamDecoder {
  private byte[] pending = new byte[0];
  private int length;
  private boolean broken;

  /** The messages completed by {@code bytes}, in order. */
  public List<EventMessage> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /** The messages completed by {@code length} bytes of {@code bytes} from {@code offset}, in order. */
  public List<EventMessage> feed(byte[] bytes, int offset, int length) {
    if (broken) {
      throw new EventStreamException("the stream was already invalid");
    }
    append(bytes, offset, length);
    List<EventMessage> messages = new ArrayList<>();
    try {
      int start = 0;
      while (this.length - start >= EventStreamFormat.PRELUDE) {
        int total = frameLength(start);
        if (this.length - start < total) {
          break;
        }
        messages.add(frame(start, total));
        start += total;
      }
      System.arraycopy(pending, start, pending, 0, this.length - start);
      this.length -= start;
    } catch (EventStreamException e) {
      broken = true;
      throw e;
    }
    return messages;
  }

  /** Whether bytes of an unfinished frame are held (a stream that ends now was cut mid-frame). */
  public boolean hasPartialFrame() {
    return length > 0;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (pending.length - length < count) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
    }
    System.arraycopy(bytes, offset, pending, length, count);
    length += count;
  }

  /** Checks the prelude at {@code start} and answers the frame's total length. */
  private int frameLength(int start) {
    ByteBuffer prelude = ByteBuffer.wrap(pending, start, EventStreamFormat.PRELUDE);
    long total = Integer.toUnsignedLong(prelude.getInt());
    long headers = Integer.toUnsignedLong(prelude.getInt());
    long crc = Integer.toUnsignedLong(prelude.getInt());
    if (crc != EventStreamEncoder.crc(pending, start, 8)) {
      throw new EventStreamException("prelude CRC mismatch");
    }
    if (headers > EventStreamFormat.MAX_HEADERS) {
      throw new EventStreamException("headers of " + headers + " bytes are over 128 KiB");
    }
    if (total < EventStreamFormat.OVERHEAD + headers
        || total - EventStreamFormat.OVERHEAD - headers > EventStreamFormat.MAX_PAYLOAD) {
      throw new EventStreamException("total length " + total + " does not fit headers of " + headers + " bytes");
    }
    return (int) total;
  }

  private EventMessage frame(int start, int total) {
    ByteBuffer frame = ByteBuffer.wrap(pending, start, total).slice();
    long crc = Integer.toUnsignedLong(frame.getInt(total - 4));
    if (crc != EventStreamEncoder.crc(pending, start, total - 4)) {
      throw new EventStreamException("message CRC mismatch");
    }
    int headersLength = frame.getInt(4);
    ByteBuffer headers = frame.slice(EventStreamFormat.PRELUDE, headersLength);
    int payloadStart = EventStreamFormat.PRELUDE + headersLength;
    byte[] payload = Arrays.copyOfRange(pending, start + payloadStart, start + total - 4);
    return new EventMessage(headers(headers), payload);
  }

  private static Map<String, HeaderValue> headers(ByteBuffer in) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    while (in.hasRemaining()) {
      int nameLength = Byte.toUnsignedInt(in.get());
      if (nameLength == 0) {
        throw new EventStreamException("a header has an empty name");
      }
      String name = utf8(take(in, nameLength));
      need(in, 1);
      byte type = in.get();
      HeaderValue value = switch (type) {
        case 0 -> new HeaderValue.Bool(true);
        case 1 -> new HeaderValue.Bool(false);
        case 2 -> new HeaderValue.Int8(need(in, 1).get());
        case 3 -> new HeaderValue.Int16(need(in, 2).getShort());
        case 4 -> new HeaderValue.Int32(need(in, 4).getInt());
        case 5 -> new HeaderValue.Int64(need(in, 8).getLong());
        case 6 -> new HeaderValue.Bytes(take(in, Short.toUnsignedInt(need(in, 2).getShort())));
        case 7 -> new HeaderValue.Text(utf8(take(in, Short.toUnsignedInt(need(in, 2).getShort()))));
        case 8 -> new HeaderValue.Timestamp(Instant.ofEpochMilli(need(in, 8).getLong()));
        case 9 -> new HeaderValue.Uuid(new UUID(need(in, 16).getLong(), in.getLong()));
        default -> throw new EventStreamException("header '" + name + "' has unknown type " + type);
      };
      headers.put(name, value);
    }
    return headers;
  }

  private static ByteBuffer need(ByteBuffer in, int bytes) {
    if (in.remaining() < bytes) {
      throw new EventStreamException("a header runs past the headers' length");
    }
    return in;
  }

  private static byte[] take(ByteBuffer in, int bytes) {
    byte[] value = new byte[bytes];
    need(in, bytes).get(value);
    return value;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new EventStreamException("a header name or string is not UTF-8");
    }
  }
}

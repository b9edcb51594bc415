package io.sluice.protocol.eventstream;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The value of one event-stream message header, one record per wire type (the type byte is
 * {@link #typeCode()}). Timestamps are whole epoch milliseconds on the wire.
 */
public sealed interface HeaderValue {

  /** The header value type's byte on the wire (0 true, 1 false, 2 byte, … 9 uuid). */
  default byte typeCode() {
    return switch (this) {
      case Bool b -> b.value() ? (byte) 0 : (byte) 1;
      case Int8 v -> 2;
      case Int16 v -> 3;
      case Int32 v -> 4;
      case Int64 v -> 5;
      case Bytes v -> 6;
      case Text v -> 7;
      case Timestamp v -> 8;
      case Uuid v -> 9;
    };
  }

  /** A boolean (type 0 when true, 1 when false; no value bytes). */
  record Bool(boolean value) implements HeaderValue {}

  /** A signed byte (type 2). */
  record Int8(byte value) implements HeaderValue {}

  /** A signed 16-bit integer (type 3). */
  record Int16(short value) implements HeaderValue {}

  /** A signed 32-bit integer (type 4). */
  record Int32(int value) implements HeaderValue {}

  /** A signed 64-bit integer (type 5). */
  record Int64(long value) implements HeaderValue {}

  /** Bytes (type 6), at most 32,767. */
  record Bytes(byte[] value) implements HeaderValue {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + "]";
    }
  }

  /** A UTF-8 string (type 7), at most 32,767 bytes encoded. */
  record Text(String value) implements HeaderValue {}

  /** A point in time (type 8), carried as epoch milliseconds. */
  record Timestamp(Instant value) implements HeaderValue {
    public Timestamp {
      value = Instant.ofEpochMilli(value.toEpochMilli());
    }
  }

  /** A UUID (type 9), 16 bytes, most significant first. */
  record Uuid(UUID value) implements HeaderValue {}
}

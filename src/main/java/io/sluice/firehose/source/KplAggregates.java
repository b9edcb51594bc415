package io.sluice.firehose.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * De-aggregation of Kinesis records written by the Kinesis Producer Library with aggregation on, as
 * Firehose does before it buffers records from a Kinesis source (developer guide, "Configure source
 * settings for Amazon Kinesis Data Streams": "Amazon Data Firehose de-aggregates the records before
 * it delivers them"). An aggregate is the KPL's aggregation format: the magic bytes
 * {@code F3 89 9A C2}, an {@code AggregatedRecord} protobuf message ({@code repeated Record records = 3},
 * each {@code Record} holding its {@code bytes data = 3}) and the MD5 of that message. Anything else,
 * including an aggregate whose digest or message is wrong, is one record, as the KCL reads it.
 *
 * <p>The few protobuf fields needed are read here rather than through protobuf-java, which the
 * server does not otherwise carry; the tests check this reader against the KPL's own messages.
 */
public final class KplAggregates {
  private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  private static final int DIGEST_LENGTH = 16;
  private static final int RECORDS_FIELD = 3;
  private static final int DATA_FIELD = 3;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private KplAggregates() {}

  /** The user records {@code data} holds: those of an aggregate, else {@code data} alone. */
  public static List<byte[]> userRecords(byte[] data) {
    if (data.length < MAGIC.length + DIGEST_LENGTH || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return List.of(data);
    }
    int end = data.length - DIGEST_LENGTH;
    byte[] digest = md5(data, MAGIC.length, end);
    if (!Arrays.equals(digest, 0, DIGEST_LENGTH, data, end, data.length)) {
      return List.of(data);
    }
    try {
      List<byte[]> records = new ArrayList<>();
      Reader message = new Reader(data, MAGIC.length, end);
      while (message.more()) {
        long key = message.varint();
        if (key >>> 3 == RECORDS_FIELD && (key & 7) == LENGTH_DELIMITED) {
          records.add(recordData(message.lengthDelimited()));
        } else {
          message.skip((int) (key & 7));
        }
      }
      return records;
    } catch (IllegalArgumentException malformed) {
      return List.of(data);
    }
  }

  /** The {@code data} of one {@code Record} message. */
  private static byte[] recordData(Reader record) {
    byte[] found = null;
    while (record.more()) {
      long key = record.varint();
      if (key >>> 3 == DATA_FIELD && (key & 7) == LENGTH_DELIMITED) {
        Reader bytes = record.lengthDelimited();
        found = Arrays.copyOfRange(bytes.data, bytes.position, bytes.end);
      } else {
        record.skip((int) (key & 7));
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("a record without data");
    }
    return found;
  }

  private static byte[] md5(byte[] data, int from, int to) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, from, to - from);
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /** A protobuf message between two offsets; IllegalArgumentException when it runs past its end. */
  private static final class Reader {
    final byte[] data;
    int position;
    final int end;

    Reader(byte[] data, int position, int end) {
      this.data = data;
      this.position = position;
      this.end = end;
    }

    boolean more() {
      return position < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw new IllegalArgumentException("a varint past the end");
        }
        byte b = data[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("a varint of more than ten bytes");
    }

    Reader lengthDelimited() {
      long length = varint();
      if (length < 0 || length > end - position) {
        throw new IllegalArgumentException("a field past the end");
      }
      Reader inner = new Reader(data, position, position + (int) length);
      position += (int) length;
      return inner;
    }

    void skip(int wireType) {
      switch (wireType) {
        case VARINT -> varint();
        case FIXED64 -> advance(8);
        case LENGTH_DELIMITED -> lengthDelimited();
        case FIXED32 -> advance(4);
        default -> throw new IllegalArgumentException("wire type " + wireType);
      }
    }

    private void advance(int n) {
      if (n > end - position) {
        throw new IllegalArgumentException("a field past the end");
      }
      position += n;
    }
  }
}

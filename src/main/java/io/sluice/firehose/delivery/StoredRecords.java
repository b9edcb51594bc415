package io.sluice.firehose.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.KinesisRecordMetadata;
import java.nio.ByteBuffer;
import io.sluice.storage.Sealer;
import java.util.Arrays;

/**
 * How a record's data is kept in a buffer: sealed with the node's SSE key while the stream's
 * server-side encryption is on ({@link Sealer} layout, first byte 1), else behind a 0 byte, so that
 * a buffer holding both, across a Start or Stop of encryption, is read back right. A record read
 * from a Kinesis source (whose stream cannot be encrypted) is kept behind a 2 byte with its
 * {@link KinesisRecordMetadata}: 2, the metadata's length (2 bytes, big-endian), the metadata as
 * JSON, the data.
 */
public final class StoredRecords {
  private static final byte FROM_KINESIS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Sealer's bytes around the data besides the key id: 1, its length, nonce (12), tag (16). */
  private static final int SEAL_ENVELOPE = 2 + 12 + 16;
  private final Sealer sealer;

  public StoredRecords(Sealer sealer) {
    this.sealer = sealer;
  }

  /** The form {@code data} is stored in: sealed under {@code keyId} if not null, else plain behind a 0. */
  public byte[] store(byte[] data, String keyId) {
    if (keyId != null) {
      return sealer.seal(data, keyId);
    }
    byte[] plain = new byte[data.length + 1];
    System.arraycopy(data, 0, plain, 1, data.length);
    return plain;
  }

  /**
   * The length of the data {@code stored} holds, as put: what buffering hints count (AWS's
   * {@code SizeInMBs} is of the data, not of how a buffer keeps it). A stored form less its 0 byte,
   * less the {@link Sealer}'s envelope (the 1, the key id's length and the key id, the 12-byte nonce
   * and the 16-byte tag), or less a Kinesis record's 2, metadata length and metadata.
   * {@code firehose/stream.lua} counts the same way ({@code data_len}).
   */
  public static int dataLength(byte[] stored) {
    if (Sealer.isSealed(stored)) {
      int keyId = stored.length > 1 ? stored[1] & 0xff : 0;
      return Math.max(0, stored.length - SEAL_ENVELOPE - keyId);
    }
    if (stored.length >= 3 && stored[0] == FROM_KINESIS) {
      return Math.max(0, stored.length - 3 - metadataLength(stored));
    }
    return Math.max(0, stored.length - 1);
  }

  /** The form a record read from a Kinesis source is stored in, with where it came from. */
  public byte[] storeFromKinesis(byte[] data, KinesisRecordMetadata metadata) {
    byte[] meta;
    try {
      meta = JSON.writeValueAsBytes(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write Kinesis record metadata", e);
    }
    return ByteBuffer.allocate(3 + meta.length + data.length).put(FROM_KINESIS).putShort((short) meta.length)
        .put(meta).put(data).array();
  }

  /** The data as put. */
  public byte[] open(byte[] stored) {
    if (Sealer.isSealed(stored)) {
      return sealer.open(stored);
    }
    int at = stored.length > 0 && stored[0] == FROM_KINESIS ? 3 + metadataLength(stored) : 1;
    return Arrays.copyOfRange(stored, at, stored.length);
  }

  /** The record with its data as put (and, read from a Kinesis source, its metadata and Kinesis arrival). */
  public BufferedRecord open(BufferedRecord stored) {
    byte[] kept = stored.data();
    if (kept.length > 0 && kept[0] == FROM_KINESIS) {
      int length = metadataLength(kept);
      try {
        KinesisRecordMetadata m = JSON.readValue(kept, 3, length, KinesisRecordMetadata.class);
        return new BufferedRecord(stored.recordId(), m.approximateArrivalTimestamp(),
            Arrays.copyOfRange(kept, 3 + length, kept.length), m);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read stored Kinesis record metadata", e);
      }
    }
    return new BufferedRecord(stored.recordId(), stored.arrivalMillis(), open(kept));
  }

  private static int metadataLength(byte[] stored) {
    return ((stored[1] & 0xFF) << 8) | (stored[2] & 0xFF);
  }

  /** The key id records of a stream encrypted with {@code keyArn} (null: an AWS-owned key) are sealed under. */
  public static String keyId(String keyArn) {
    return "firehose:" + (keyArn == null ? "aws-owned" : keyArn);
  }
}

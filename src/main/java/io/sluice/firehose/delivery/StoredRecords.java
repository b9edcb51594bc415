package io.sluice.firehose.delivery;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.storage.Sealer;
import java.util.Arrays;

/**
 * How a record's data is kept in a buffer: sealed with the node's SSE key while the stream's
 * server-side encryption is on ({@link Sealer} layout, first byte 1), else behind a 0 byte, so that
 * a buffer holding both, across a Start or Stop of encryption, is read back right.
 */
public final class StoredRecords {
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

  /** The data as put. */
  public byte[] open(byte[] stored) {
    return Sealer.isSealed(stored) ? sealer.open(stored) : Arrays.copyOfRange(stored, 1, stored.length);
  }

  /** The record with its data as put. */
  public BufferedRecord open(BufferedRecord stored) {
    return new BufferedRecord(stored.recordId(), stored.arrivalMillis(), open(stored.data()));
  }

  /** The key id records of a stream encrypted with {@code keyArn} (null: an AWS-owned key) are sealed under. */
  public static String keyId(String keyArn) {
    return "firehose:" + (keyArn == null ? "aws-owned" : keyArn);
  }
}

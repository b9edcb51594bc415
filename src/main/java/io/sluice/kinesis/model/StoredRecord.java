package io.sluice.kinesis.model;

/** A record in a shard: where it sits ({@code millis} is its arrival time) and what was put;
 * {@code sealed} when its data is sealed at rest (server-side encryption was on when it was put). */
public record StoredRecord(long millis, long seq, String partitionKey, byte[] data, boolean sealed) {

  /** A record stored as it was put. */
  public StoredRecord(long millis, long seq, String partitionKey, byte[] data) {
    this(millis, seq, partitionKey, data, false);
  }
}

package io.sluice.kinesis.model;

/** A record to append to a shard; {@code sealed} when its data is sealed at rest (server-side encryption). */
public record NewRecord(String partitionKey, byte[] data, boolean sealed) {

  /** A record stored as given. */
  public NewRecord(String partitionKey, byte[] data) {
    this(partitionKey, data, false);
  }
}

package io.sluice.kinesis.model;

/** A record to append to a shard. */
public record NewRecord(String partitionKey, byte[] data) {}

package io.sluice.kinesis.model;

/** A record in a shard: where it sits ({@code millis} is its arrival time) and what was put. */
public record StoredRecord(long millis, long seq, String partitionKey, byte[] data) {}

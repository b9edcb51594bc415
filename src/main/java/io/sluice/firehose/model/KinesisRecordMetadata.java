package io.sluice.firehose.model;

/**
 * Where a record of a KinesisStreamAsSource stream came from, as Firehose hands it to a Lambda
 * transformation ({@code kinesisRecordMetadata}): its shard, partition key, Kinesis arrival (epoch
 * millis), sequence number, and its place in a KPL aggregate ({@code subsequenceNumber}, empty for a
 * record that was not aggregated).
 */
public record KinesisRecordMetadata(String shardId, String partitionKey, long approximateArrivalTimestamp,
                                    String sequenceNumber, String subsequenceNumber) {}

package io.sluice.kinesis;

import io.sluice.kinesis.model.StreamRecord;
import java.util.List;

/**
 * Meters named after Kinesis's CloudWatch metrics. Operations report what they served through this
 * interface; {@link KinesisMetrics} binds it to Micrometer. Byte counts are of record data.
 */
public interface KinesisMeters {
  KinesisMeters NONE = new KinesisMeters() {};

  /** A {@code PutRecord} or {@code PutRecords} ({@code action}) that stored {@code records}. */
  default void put(StreamRecord stream, String action, List<Puts.Placed> records, long latencyMillis) {}

  /** {@code records} of a {@code PutRecord} or {@code PutRecords} refused by {@code shard}'s write limit. */
  default void writeExceeded(StreamRecord stream, String action, int shard, int records) {}

  /** A {@code GetRecords} of {@code shard} refused by its read limit. */
  default void readExceeded(StreamRecord stream, int shard) {}

  /** A {@code GetRecords} of {@code shard} that returned {@code records} of {@code bytes}. */
  default void read(StreamRecord stream, int shard, int records, long bytes, long iteratorAgeMillis,
                    long latencyMillis) {}

  /** A {@code SubscribeToShard} that started a subscription. */
  default void subscribed(StreamRecord stream) {}

  /** A {@code SubscribeToShardEvent} sent of {@code shard}, carrying {@code records} of {@code bytes}. */
  default void event(StreamRecord stream, int shard, int records, long bytes, long millisBehindLatest) {}
}

package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Two nodes on one Redis (one key prefix, one SSE key) serve one Kinesis: a stream created through
 * one is used through the other, records put through either are read through either, a shard
 * iterator issued by one node is accepted by the other, and both count against the same limits.
 */
class TwoNodesOneRedisTest {
  private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  private static TestSluice a;
  private static TestSluice b;

  @BeforeAll
  static void start() {
    String prefix = RedisTestServer.uniquePrefix("kinesis-shared");
    a = TestSluice.start(Engine.REDIS, CLOCK, Map.of(), prefix);
    b = TestSluice.start(Engine.REDIS, CLOCK, Map.of(), prefix);
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  @Test
  void recordsAndIteratorsPassBetweenNodes() {
    try (KinesisClient viaA = KinesisTesting.client(a, true); KinesisClient viaB = KinesisTesting.client(b, false)) {
      String stream = TestSluice.uniqueName("shared");
      viaA.createStream(r -> r.streamName(stream).shardCount(1));
      CLOCK.advanceSeconds(1);

      viaA.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("from A")));
      String iterator = viaA.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      GetRecordsResponse first = viaB.getRecords(r -> r.shardIterator(iterator));
      viaB.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("from B")));
      GetRecordsResponse second = viaA.getRecords(r -> r.shardIterator(first.nextShardIterator()));

      assertEquals(List.of("from A"), first.records().stream().map(Record::data).map(SdkBytes::asUtf8String).toList());
      assertEquals(List.of("from B"), second.records().stream().map(Record::data).map(SdkBytes::asUtf8String).toList());
      assertEquals("ACTIVE", viaB.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
          .streamStatusAsString());
    }
  }

  @Test
  void getRecordsAndDescribeStreamCountOnEveryNode() {
    try (KinesisClient viaA = KinesisTesting.client(a, true); KinesisClient viaB = KinesisTesting.client(b, true)) {
      String stream = TestSluice.uniqueName("limits");
      viaA.createStream(r -> r.streamName(stream).shardCount(1));
      CLOCK.advanceSeconds(1);
      String iterator = viaA.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      for (int i = 0; i < 5; i++) {
        (i % 2 == 0 ? viaA : viaB).getRecords(r -> r.shardIterator(iterator));
        (i % 2 == 0 ? viaB : viaA).describeStream(r -> r.streamName(stream));
        (i % 2 == 0 ? viaA : viaB).describeStream(r -> r.streamName(stream));
      }

      assertEquals("ProvisionedThroughputExceededException",
          codeOf(() -> viaB.getRecords(r -> r.shardIterator(iterator))));
      assertEquals("LimitExceededException", codeOf(() -> viaA.describeStream(r -> r.streamName(stream))));
    }
  }
}

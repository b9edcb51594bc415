package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The SDK's {@code KinesisAsyncClient} as it comes, which opens {@code http://} endpoints with
 * HTTP/2 by prior knowledge and speaks CBOR: a stream created, a record put and read back, on
 * both engines.
 */
class KinesisAsyncClientTest {
  private static final KinesisTesting.Nodes NODES = new KinesisTesting.Nodes();

  @BeforeAll
  static void start() {
    NODES.start();
  }

  @AfterAll
  static void stop() {
    NODES.stop();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theDefaultAsyncClientPutsAndReadsRecordsOverHttp2(Engine engine) throws Exception {
    try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(NODES.endpoint(engine))
        .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
      // Given a stream of one shard, active
      String stream = TestSluice.uniqueName("async-" + engine.name().toLowerCase());
      kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(10, TimeUnit.SECONDS);
      NODES.clock.advanceSeconds(1);
      assertEquals(StreamStatus.ACTIVE, kinesis.describeStreamSummary(r -> r.streamName(stream))
          .get(10, TimeUnit.SECONDS).streamDescriptionSummary().streamStatus());

      // When a record is put and the shard read from its start
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("pk").data(SdkBytes.fromUtf8String("over h2")))
          .get(10, TimeUnit.SECONDS);
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get(10, TimeUnit.SECONDS).shardIterator();
      List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).get(10, TimeUnit.SECONDS).records();

      // Then the record comes back
      assertEquals(List.of("over h2"), records.stream().map(r -> r.data().asUtf8String()).toList());
    }
  }
}

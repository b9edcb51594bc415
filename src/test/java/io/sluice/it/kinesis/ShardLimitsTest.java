package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis's per-shard limits through the AWS SDK v2 on each engine, on a manual clock: PutRecords past
 * 1,000 records a second fails per record, GetRecords a sixth time in a second is throttled and the
 * SDK's own retry (its backoff moving the clock) then succeeds; a node with the setting off throttles
 * nothing.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ShardLimitsTest {
  private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  private static final Map<Engine, TestSluice> LIMITED = new EnumMap<>(Engine.class);
  private static final Map<Engine, TestSluice> FREE = new EnumMap<>(Engine.class);

  @Parameter
  Engine engine;

  @BeforeAll
  static void start() {
    for (Engine e : Engine.values()) {
      LIMITED.put(e, TestSluice.start(e, CLOCK, Map.of()));
      FREE.put(e, TestSluice.start(e, CLOCK, Map.of("SLUICE_KINESIS_THROUGHPUT_LIMITS", "false")));
    }
  }

  @AfterAll
  static void stop() {
    LIMITED.values().forEach(TestSluice::close);
    FREE.values().forEach(TestSluice::close);
  }

  private static String stream(KinesisClient kinesis) {
    String stream = TestSluice.uniqueName("limits");
    kinesis.createStream(r -> r.streamName(stream).shardCount(1));
    CLOCK.advanceSeconds(1);
    return stream;
  }

  private static PutRecordsResponse put500(KinesisClient kinesis, String stream) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(Collections.nCopies(500, PutRecordsRequestEntry.builder()
        .partitionKey("k").data(SdkBytes.fromUtf8String("x")).build()));
    return kinesis.putRecords(r -> r.streamName(stream).records(entries));
  }

  private static String iterator(KinesisClient kinesis, String stream) {
    return kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
  }

  @Test
  void putRecordsPastAThousandRecordsASecondFailsThoseRecords() {
    try (KinesisClient kinesis = KinesisTesting.client(LIMITED.get(engine), true)) {
      String stream = stream(kinesis);
      put500(kinesis, stream);
      put500(kinesis, stream);

      PutRecordsResponse past = put500(kinesis, stream);
      CLOCK.advanceSeconds(1);
      PutRecordsResponse later = put500(kinesis, stream);

      assertEquals(500, past.failedRecordCount());
      assertEquals("ProvisionedThroughputExceededException", past.records().getFirst().errorCode());
      assertEquals("Rate exceeded for shard shardId-000000000000 in stream " + stream + " under account "
          + "000000000000.", past.records().getFirst().errorMessage());
      assertEquals(null, past.records().getFirst().sequenceNumber());
      assertEquals(0, later.failedRecordCount());
    }
  }

  @Test
  void aSixthGetRecordsInASecondIsThrottledAndTheSdksRetrySucceeds() {
    AtomicInteger retries = new AtomicInteger();
    // The SDK's standard retry strategy, whose backoff moves the node's clock instead of sleeping.
    BackoffStrategy advance = attempt -> {
      retries.incrementAndGet();
      CLOCK.advanceMillis(200);
      return Duration.ZERO;
    };
    try (KinesisClient kinesis = KinesisTesting.client(LIMITED.get(engine), false);
         KinesisClient retrying = KinesisClient.builder().endpointOverride(LIMITED.get(engine).endpoint())
             .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
             .httpClient(ApacheHttpClient.builder().build())
             .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                 .backoffStrategy(advance).throttlingBackoffStrategy(advance).build()))
             .build()) {
      String stream = stream(kinesis);
      String iterator = iterator(kinesis, stream);
      for (int i = 0; i < 5; i++) {
        kinesis.getRecords(r -> r.shardIterator(iterator));
      }

      String sixth = codeOf(() -> kinesis.getRecords(r -> r.shardIterator(iterator)));
      GetRecordsResponse retried = retrying.getRecords(r -> r.shardIterator(iterator));

      assertEquals("ProvisionedThroughputExceededException", sixth);
      assertEquals(1, retries.get(), "one retry, 200 ms later");
      assertEquals(0, retried.records().size());
    }
  }

  @Test
  void withTheSettingOffNothingIsThrottled() {
    try (KinesisClient kinesis = KinesisTesting.client(FREE.get(engine), true)) {
      String stream = stream(kinesis);
      int failed = 0;
      for (int i = 0; i < 4; i++) {
        failed += put500(kinesis, stream).failedRecordCount();
      }
      String iterator = iterator(kinesis, stream);
      int read = 0;
      for (int i = 0; i < 10; i++) {
        read += kinesis.getRecords(r -> r.shardIterator(iterator).limit(1000)).records().size();
      }

      assertEquals(0, failed);
      assertEquals(10_000, read);
    }
  }
}

package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.KinesisMetrics;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.protocol.AwsException;
import io.sluice.testing.Await;
import io.sluice.testing.Prometheus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kinesis's throughput limits and call rates on the in-memory store with a manual clock: writes of
 * 1,000 records and 1 MiB a second per shard, GetRecords of 5 calls and 2 MiB a second, control-plane
 * call rates, and none of them with the setting off.
 */
class ThroughputLimitsTest {
  private static final String SHARD0 = "shardId-000000000000";
  /** The first hash key of the second of two shards: 2^127. */
  private static final String SECOND_HALF = BigInteger.ONE.shiftLeft(127).toString();
  private static final String THROTTLED = "ProvisionedThroughputExceededException";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MemoryKinesis kinesis = new MemoryKinesis(KinesisConfig.DEFAULTS, new KinesisMetrics(registry));

  private static List<PutRecords.Entry> entries(int count, int bytes, String explicitHashKey) {
    return new ArrayList<>(Collections.nCopies(count, new PutRecords.Entry(new byte[bytes], explicitHashKey, "k")));
  }

  private PutRecords.Response putRecords(MemoryKinesis on, List<PutRecords.Entry> entries) {
    return on.call(PutRecords::new, new PutRecords.Request(entries, "orders", null));
  }

  private PutRecord.Request putRecord() {
    return new PutRecord.Request("orders", null, new byte[] {1}, "k", "0", null);
  }

  private String iterator(MemoryKinesis on) {
    return on.call(GetShardIterator::new,
        new GetShardIterator.Request("orders", null, SHARD0, "TRIM_HORIZON", null, null)).shardIterator();
  }

  private double sample(String metric, String... labels) {
    return Prometheus.labelledSample(registry.scrape(), metric, labels).orElse(Double.NaN);
  }

  @Test
  void aShardTakesAThousandRecordsASecondAndFailsOnlyTheRecordsPastThem() {
    kinesis.activeStream("orders", 2);
    putRecords(kinesis, entries(500, 1, "0"));
    putRecords(kinesis, entries(400, 1, "0"));
    List<PutRecords.Entry> mixed = entries(99, 1, "0");
    mixed.addAll(entries(2, 1, SECOND_HALF));
    mixed.addAll(entries(3, 1, "0"));

    PutRecords.Response past = putRecords(kinesis, mixed);

    assertEquals(2, past.failedRecordCount());
    assertEquals("shardId-000000000001", past.records().get(99).shardId(), "the other shard has its own limit");
    assertEquals("shardId-000000000000", past.records().get(101).shardId(), "the thousandth");
    PutRecords.ResultEntry failed = past.records().get(102);
    assertEquals(THROTTLED, failed.errorCode());
    assertEquals("Rate exceeded for shard shardId-000000000000 in stream orders under account 000000000000.",
        failed.errorMessage());
    assertNull(failed.sequenceNumber());
    assertNull(failed.shardId());
    assertEquals(THROTTLED, past.records().get(103).errorCode());
    assertEquals(THROTTLED, kinesis.errorCode(PutRecord::new, putRecord()));
    kinesis.clock.advanceMillis(1);
    kinesis.call(PutRecord::new, putRecord());
    assertEquals(THROTTLED, kinesis.errorCode(PutRecord::new, putRecord()));
    assertEquals(4.0, sample("kinesis_WriteProvisionedThroughputExceeded_total", "stream=\"orders\""));
    assertEquals(2.0, sample("kinesis_PutRecords_FailedRecords_total", "stream=\"orders\""));
    assertEquals(1004.0, sample("kinesis_PutRecords_TotalRecords_total", "stream=\"orders\""));
  }

  @Test
  void aShardTakesAMebibyteASecondOfDataAndPartitionKeys() {
    kinesis.activeStream("orders", 1);
    List<PutRecords.Entry> entries = entries(11, 100 * 1024 - 1, null);
    entries.add(new PutRecords.Entry(new byte[24 * 1024 - 1], null, "k"));
    entries.add(new PutRecords.Entry(new byte[1], null, "k"));

    PutRecords.Response response = putRecords(kinesis, entries);

    assertEquals(THROTTLED, response.records().get(10).errorCode(), "10 records of 100 KiB, then past 1 MiB");
    assertNull(response.records().get(11).errorCode(), "what still fits");
    assertEquals(THROTTLED, response.records().get(12).errorCode(), "1 MiB reached exactly");
    assertEquals(2, response.failedRecordCount());
  }

  @Test
  void largeRecordsBurstUpToTheStreamsLargestRecordThenAMebibyteASecond() {
    kinesis.activeStream("orders", 1);
    String arn = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().streamARN();
    kinesis.call(UpdateMaxRecordSize::new, new UpdateMaxRecordSize.Request(arn, 10 * 1024));
    kinesis.clock.advanceSeconds(10);
    byte[] tenMiB = new byte[10 * 1024 * 1024 - 1];

    kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, tenMiB, "k", null, null));
    String empty = kinesis.errorCode(PutRecord::new, putRecord());
    kinesis.clock.advanceSeconds(1);
    kinesis.call(PutRecord::new, putRecord());

    assertEquals(THROTTLED, empty);
  }

  @Test
  void onDemandShardsHaveTheSameLimits() {
    kinesis.call(CreateStream::new, new CreateStream.Request("orders", null, new StreamModeDetails("ON_DEMAND"),
        null));
    kinesis.clock.advanceSeconds(1);
    putRecords(kinesis, entries(500, 1, "0"));

    assertEquals(0, putRecords(kinesis, entries(500, 1, "0")).failedRecordCount());
    assertEquals(THROTTLED, kinesis.errorCode(PutRecord::new, putRecord()));
  }

  @Test
  void getRecordsIsAnsweredFiveTimesASecondPerShard() {
    kinesis.activeStream("orders", 1);
    String it = iterator(kinesis);
    for (int i = 0; i < 5; i++) {
      kinesis.call(GetRecords::new, new GetRecords.Request(it, null, null));
    }

    AwsException sixth = assertThrows(AwsException.class, () -> Await.await(new GetRecords(kinesis.services)
        .execute(MemoryKinesis.context(Principal.unchecked(MemoryKinesis.ACCOUNT)),
            new GetRecords.Request(it, null, null))));
    kinesis.clock.advanceMillis(199);
    String at199 = kinesis.errorCode(GetRecords::new, new GetRecords.Request(it, null, null));
    kinesis.clock.advanceMillis(1);

    assertEquals(THROTTLED, sixth.error().code());
    assertEquals(400, sixth.error().httpStatus());
    assertEquals("Rate exceeded for Shard - 000000000000/orders/shardId-000000000000", sixth.getMessage());
    assertEquals(THROTTLED, at199);
    assertEquals(0, kinesis.call(GetRecords::new, new GetRecords.Request(it, null, null)).records().size());
    assertEquals(2.0, sample("kinesis_ReadProvisionedThroughputExceeded_total", "stream=\"orders\""));
  }

  @Test
  void dataReadPastTwoMebibytesASecondHoldsTheNextReadsBack() {
    kinesis.activeStream("orders", 1);
    for (int i = 0; i < 4; i++) {
      kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, new byte[1000 * 1024], "k", null, null));
      kinesis.clock.advanceSeconds(1);
    }
    String it = iterator(kinesis);

    GetRecords.Response four = kinesis.call(GetRecords::new, new GetRecords.Request(it, null, null));
    // 4,096,000 bytes read from a full bucket of 2 MiB: 1,998,848 owed, repaid at 2 MiB a second.
    kinesis.clock.advanceMillis(953);
    String owing = kinesis.errorCode(GetRecords::new, new GetRecords.Request(four.nextShardIterator(), null, null));
    kinesis.clock.advanceMillis(1);

    assertEquals(4, four.records().size());
    assertEquals(THROTTLED, owing);
    kinesis.call(GetRecords::new, new GetRecords.Request(four.nextShardIterator(), null, null));
  }

  @Test
  void getShardIteratorIsAnsweredFiveTimesASecondPerShard() {
    kinesis.activeStream("orders", 1);
    for (int i = 0; i < 5; i++) {
      iterator(kinesis);
    }

    assertEquals(THROTTLED, kinesis.errorCode(GetShardIterator::new,
        new GetShardIterator.Request("orders", null, SHARD0, "LATEST", null, null)));
  }

  @Test
  void controlPlaneCallsPastTheirRateAreRefusedWithLimitExceeded() {
    for (int i = 0; i < 5; i++) {
      kinesis.call(CreateStream::new, new CreateStream.Request("s" + i, 1, null, null));
    }
    String sixthCreate = kinesis.errorCode(CreateStream::new, new CreateStream.Request("s5", 1, null, null));
    kinesis.clock.advanceSeconds(1);
    for (int i = 0; i < 10; i++) {
      kinesis.call(DescribeStream::new, new DescribeStream.Request("s0", null, null, null));
    }
    String eleventhDescribe = kinesis.errorCode(DescribeStream::new, new DescribeStream.Request("s1", null, null, null));
    String summary = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("s1", null))
        .streamDescriptionSummary().streamName();
    kinesis.clock.advanceMillis(100);

    assertEquals("LimitExceededException", sixthCreate);
    assertEquals("LimitExceededException", eleventhDescribe);
    assertEquals("s1", summary, "each action has its own rate");
    kinesis.call(DescribeStream::new, new DescribeStream.Request("s1", null, null, null));
  }

  @Test
  void listShardsIsCountedPerStream() {
    kinesis.activeStream("a", 1);
    kinesis.activeStream("b", 1);
    for (int i = 0; i < 1000; i++) {
      kinesis.call(ListShards::new, new ListShards.Request("a", null, null, null, null, null, null));
    }

    assertEquals("LimitExceededException", kinesis.errorCode(ListShards::new,
        new ListShards.Request("a", null, null, null, null, null, null)));
    assertEquals(1, kinesis.call(ListShards::new, new ListShards.Request("b", null, null, null, null, null, null))
        .shards().size());
  }

  @Test
  void withTheSettingOffNothingIsThrottled() {
    MemoryKinesis free = new MemoryKinesis(KinesisConfig.DEFAULTS.withoutLimits());
    for (int i = 0; i < 10; i++) {
      free.call(CreateStream::new, new CreateStream.Request("s" + i, 1, null, null));
    }
    free.activeStream("orders", 1);
    int failed = 0;
    for (int i = 0; i < 10; i++) {
      failed += putRecords(free, entries(500, 1024, "0")).failedRecordCount();
    }
    String it = iterator(free);
    for (int i = 0; i < 10; i++) {
      it = free.call(GetRecords::new, new GetRecords.Request(it, null, null)).nextShardIterator();
    }

    assertEquals(0, failed);
  }
}

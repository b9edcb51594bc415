package io.sluice.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.testing.Prometheus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link KinesisMetrics} records, as Prometheus exposes it. */
class KinesisMetricsTest {
  private static final String STREAM = "stream=\"s\"";
  private static final String SHARD1 = "shard=\"shardId-000000000001\"";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KinesisMetrics meters = new KinesisMetrics(registry);

  private static StreamRecord stream(Map<String, String> settings) {
    return new StreamRecord(new StreamId("us-east-1", "000000000000", "s"), 0, 0, 2, StreamMode.PROVISIONED, 24,
        Map.of(), null, settings);
  }

  private static Puts.Placed placed(int shard, String data) {
    return new Puts.Placed(shard, new NewRecord("pk", data.getBytes(StandardCharsets.UTF_8)), BigInteger.ZERO);
  }

  private double sample(String metric, String... labels) {
    return Prometheus.labelledSample(registry.scrape(), metric, labels).orElse(Double.NaN);
  }

  @Test
  void putsCountRecordsAndBytesPerStreamAndAction() {
    StreamRecord s = stream(Map.of());
    meters.put(s, "PutRecord", List.of(placed(0, "abc")), 7);
    meters.put(s, "PutRecords", List.of(placed(0, "de"), placed(1, "fghij")), 3);

    assertEquals(3.0, sample("kinesis_IncomingRecords_total", STREAM));
    assertEquals(10.0, sample("kinesis_IncomingBytes_total", STREAM));
    assertEquals(1.0, sample("kinesis_PutRecord_Success_total", STREAM));
    assertEquals(3.0, sample("kinesis_PutRecord_Bytes_total", STREAM));
    assertEquals(1.0, sample("kinesis_PutRecord_Latency_seconds_count", STREAM));
    assertEquals(0.007, sample("kinesis_PutRecord_Latency_seconds_sum", STREAM));
    assertEquals(1.0, sample("kinesis_PutRecords_Success_total", STREAM));
    assertEquals(2.0, sample("kinesis_PutRecords_TotalRecords_total", STREAM));
    assertEquals(2.0, sample("kinesis_PutRecords_SuccessfulRecords_total", STREAM));
    assertEquals(0.0, sample("kinesis_PutRecords_FailedRecords_total", STREAM));
    assertEquals(7.0, sample("kinesis_PutRecords_Bytes_total", STREAM));
    assertEquals(0.0, sample("kinesis_WriteProvisionedThroughputExceeded_total", STREAM));
    assertFalse(registry.scrape().contains("kinesis_shard_"), "shard-level metrics without enhanced monitoring");
  }

  @Test
  void readsCountRecordsBytesAndAges() {
    StreamRecord s = stream(Map.of());
    meters.read(s, 0, 4, 40, 1500, 2);
    meters.read(s, 1, 0, 0, 0, 1);
    meters.subscribed(s);
    meters.event(s, 1, 2, 9, 250);

    assertEquals(2.0, sample("kinesis_GetRecords_Success_total", STREAM));
    assertEquals(4.0, sample("kinesis_GetRecords_Records_total", STREAM));
    assertEquals(40.0, sample("kinesis_GetRecords_Bytes_total", STREAM));
    assertEquals(2.0, sample("kinesis_GetRecords_Latency_seconds_count", STREAM));
    assertEquals(0.0, sample("kinesis_GetRecords_IteratorAgeMilliseconds", STREAM), "the latest call's age");
    assertEquals(0.0, sample("kinesis_ReadProvisionedThroughputExceeded_total", STREAM));
    assertEquals(1.0, sample("kinesis_SubscribeToShard_Success_total", STREAM));
    assertEquals(2.0, sample("kinesis_SubscribeToShardEvent_Records_total", STREAM));
    assertEquals(9.0, sample("kinesis_SubscribeToShardEvent_Bytes_total", STREAM));
    assertEquals(250.0, sample("kinesis_SubscribeToShardEvent_MillisBehindLatest", STREAM));
    assertFalse(registry.scrape().contains("kinesis_shard_"), "shard-level metrics without enhanced monitoring");
  }

  @Test
  void shardLevelMetricsFollowTheStreamsEnabledOnes() {
    StreamRecord s = stream(Map.of(StreamRecord.METRIC + "IncomingRecords", "", StreamRecord.METRIC + "OutgoingBytes",
        "", StreamRecord.METRIC + "IteratorAgeMilliseconds", ""));
    meters.put(s, "PutRecords", List.of(placed(0, "de"), placed(1, "fghij"), placed(1, "k")), 1);
    meters.read(s, 1, 2, 6, 1200, 1);
    meters.event(s, 1, 1, 3, 0);

    assertEquals(1.0, sample("kinesis_shard_IncomingRecords_total", STREAM, "shard=\"shardId-000000000000\""));
    assertEquals(2.0, sample("kinesis_shard_IncomingRecords_total", STREAM, SHARD1));
    assertEquals(9.0, sample("kinesis_shard_OutgoingBytes_total", STREAM, SHARD1));
    assertEquals(1200.0, sample("kinesis_shard_IteratorAgeMilliseconds", STREAM, SHARD1));
    String exposition = registry.scrape();
    assertFalse(exposition.contains("kinesis_shard_IncomingBytes"), "not enabled");
    assertFalse(exposition.contains("kinesis_shard_OutgoingRecords"), "not enabled");
    assertTrue(exposition.contains("kinesis_IncomingBytes_total{stream=\"s\"}"), "stream-level metrics stay");
  }
}

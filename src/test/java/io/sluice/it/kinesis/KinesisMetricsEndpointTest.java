package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Prometheus;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code GET /metrics} after records are put and read through the SDK v2 {@code KinesisClient}:
 * stream-level counters named after Kinesis's CloudWatch metrics, and shard-level ones only once
 * EnableEnhancedMonitoring turned them on.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "REDIS,false"})
class KinesisMetricsEndpointTest extends KinesisSdkTest {
  private static final String SHARD0 = "shardId-000000000000";

  String stream;

  @BeforeEach
  void activeStreamOfTwoShards() {
    stream = name("metered");
    kinesis.createStream(r -> r.streamName(stream).shardCount(2));
    CLOCK.advanceSeconds(1);
  }

  private void putToShard0(String... data) {
    kinesis.putRecords(r -> r.streamName(stream).records(Arrays.stream(data)
        .map(d -> PutRecordsRequestEntry.builder().partitionKey("pk").explicitHashKey("0")
            .data(SdkBytes.fromUtf8String(d)).build()).toList()));
  }

  private int readShard0() {
    String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(SHARD0)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    return kinesis.getRecords(r -> r.shardIterator(iterator)).records().size();
  }

  private OptionalDouble sample(String exposition, String metric, String... labels) {
    String[] all = new String[labels.length + 1];
    all[0] = "stream=\"" + stream + "\"";
    System.arraycopy(labels, 0, all, 1, labels.length);
    return Prometheus.labelledSample(exposition, metric, all);
  }

  @Test
  void putsAndReadsAreCountedPerStream() {
    // Given a record put alone, two put together, and a read of all three
    kinesis.putRecord(r -> r.streamName(stream).partitionKey("pk").explicitHashKey("0")
        .data(SdkBytes.fromUtf8String("abc")));
    putToShard0("de", "fghij");
    assertEquals(3, readShard0());

    // When /metrics is scraped
    String metrics = Prometheus.scrape(NODES.endpoint(engine));

    // Then the stream's counters show them
    assertEquals(3.0, sample(metrics, "kinesis_IncomingRecords_total").orElseThrow());
    assertEquals(10.0, sample(metrics, "kinesis_IncomingBytes_total").orElseThrow());
    assertEquals(1.0, sample(metrics, "kinesis_PutRecord_Success_total").orElseThrow());
    assertEquals(3.0, sample(metrics, "kinesis_PutRecord_Bytes_total").orElseThrow());
    assertEquals(1.0, sample(metrics, "kinesis_PutRecord_Latency_seconds_count").orElseThrow());
    assertEquals(1.0, sample(metrics, "kinesis_PutRecords_Success_total").orElseThrow());
    assertEquals(2.0, sample(metrics, "kinesis_PutRecords_TotalRecords_total").orElseThrow());
    assertEquals(2.0, sample(metrics, "kinesis_PutRecords_SuccessfulRecords_total").orElseThrow());
    assertEquals(0.0, sample(metrics, "kinesis_PutRecords_FailedRecords_total").orElseThrow());
    assertEquals(7.0, sample(metrics, "kinesis_PutRecords_Bytes_total").orElseThrow());
    assertEquals(1.0, sample(metrics, "kinesis_GetRecords_Success_total").orElseThrow());
    assertEquals(3.0, sample(metrics, "kinesis_GetRecords_Records_total").orElseThrow());
    assertEquals(10.0, sample(metrics, "kinesis_GetRecords_Bytes_total").orElseThrow());
    assertEquals(1.0, sample(metrics, "kinesis_GetRecords_Latency_seconds_count").orElseThrow());
    assertEquals(0.0, sample(metrics, "kinesis_GetRecords_IteratorAgeMilliseconds").orElseThrow());
    assertEquals(0.0, sample(metrics, "kinesis_WriteProvisionedThroughputExceeded_total").orElseThrow());
    assertEquals(0.0, sample(metrics, "kinesis_ReadProvisionedThroughputExceeded_total").orElseThrow());
    assertTrue(sample(metrics, "kinesis_shard_IncomingRecords_total").isEmpty(), "no enhanced monitoring");
  }

  @Test
  void shardLevelMetricsAppearOnlyAfterEnhancedMonitoringIsEnabled() {
    // Given a record put and read before enhanced monitoring
    putToShard0("a");
    readShard0();
    String before = Prometheus.scrape(NODES.endpoint(engine));

    // When IncomingRecords and OutgoingRecords are enabled, then two more records put and all read
    kinesis.enableEnhancedMonitoring(r -> r.streamName(stream)
        .shardLevelMetrics(MetricsName.INCOMING_RECORDS, MetricsName.OUTGOING_RECORDS));
    putToShard0("b", "c");
    assertEquals(3, readShard0());
    String after = Prometheus.scrape(NODES.endpoint(engine));

    // Then only the enabled shard-level counters appear, counting from then on
    assertTrue(before.lines().noneMatch(l -> l.startsWith("kinesis_shard_") && l.contains(stream)), before);
    String shard = "shard=\"" + SHARD0 + "\"";
    assertEquals(2.0, sample(after, "kinesis_shard_IncomingRecords_total", shard).orElseThrow());
    assertEquals(3.0, sample(after, "kinesis_shard_OutgoingRecords_total", shard).orElseThrow());
    assertTrue(sample(after, "kinesis_shard_IncomingBytes_total").isEmpty(), "IncomingBytes was not enabled");
    assertTrue(sample(after, "kinesis_shard_IncomingRecords_total", "shard=\"shardId-000000000001\"").isEmpty(),
        "nothing went to shard 1");
    assertEquals(3.0, sample(after, "kinesis_IncomingRecords_total").orElseThrow());
  }
}

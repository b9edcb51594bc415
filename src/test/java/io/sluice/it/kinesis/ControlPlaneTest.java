package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * The control-plane operations beyond a stream's life cycle through the AWS SDK v2
 * {@code KinesisClient}, in CBOR and in JSON, on each engine: tagging by resource ARN and the
 * account's limits.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "MEMORY,false", "REDIS,true", "REDIS,false"})
class ControlPlaneTest extends KinesisSdkTest {

  private String activeStream(String base, int shards) {
    String stream = name(base);
    kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
    CLOCK.advanceSeconds(1);
    return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
  }

  @Test
  void aStreamIsTaggedAndUntaggedByItsResourceArn() {
    String arn = activeStream("tagged", 1);

    kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("team", "a", "env", "test")));
    List<Tag> tagged = kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags();
    kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("env", "none"));
    List<Tag> untagged = kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags();

    assertEquals(List.of(Tag.builder().key("env").value("test").build(), Tag.builder().key("team").value("a").build()),
        tagged);
    assertEquals(List.of(Tag.builder().key("team").value("a").build()), untagged);
    assertEquals(untagged, kinesis.listTagsForStream(r -> r.streamARN(arn)).tags());
  }

  @Test
  void taggingPastFiftyTagsOrAnUnknownStreamIsRefused() {
    String arn = activeStream("full", 1);
    Map<String, String> fifty = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    kinesis.tagResource(r -> r.resourceARN(arn).tags(fifty));

    assertEquals("LimitExceededException",
        codeOf(() -> kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("one-more", "v")))));
    assertEquals("ResourceNotFoundException",
        codeOf(() -> kinesis.listTagsForResource(r -> r.resourceARN(arn + "-none"))));
    assertEquals(50, kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags().size());
  }

  @Test
  void limitsCountTheAccountsOpenShardsAndOnDemandStreams() {
    DescribeLimitsResponse before = kinesis.describeLimits(r -> {});
    activeStream("limits", 3);
    String onDemand = name("limits-on-demand");
    kinesis.createStream(r -> r.streamName(onDemand).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

    DescribeLimitsResponse after = kinesis.describeLimits(r -> {});

    assertEquals(before.shardLimit(), after.shardLimit());
    assertEquals(before.openShardCount() + 3 + 4, after.openShardCount());
    assertEquals(before.onDemandStreamCount() + 1, after.onDemandStreamCount());
    assertEquals(50, after.onDemandStreamCountLimit());
  }

  @Test
  void shardLevelMetricsAreReportedInTheStreamsDescription() {
    String arn = activeStream("monitored", 1);

    EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(r -> r.streamARN(arn)
        .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS));
    List<EnhancedMetrics> described = kinesis.describeStream(r -> r.streamARN(arn)).streamDescription()
        .enhancedMonitoring();
    DisableEnhancedMonitoringResponse disabled = kinesis.disableEnhancedMonitoring(r -> r.streamARN(arn)
        .shardLevelMetrics(MetricsName.ALL));

    assertEquals(List.of(), enabled.currentShardLevelMetrics());
    assertEquals(List.of(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS),
        enabled.desiredShardLevelMetrics());
    assertEquals(List.of(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS),
        described.get(0).shardLevelMetrics());
    assertEquals(List.of(), disabled.desiredShardLevelMetrics());
    assertEquals(List.of(), kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary()
        .enhancedMonitoring().get(0).shardLevelMetrics());
  }

  @Test
  void aStreamWhoseMaxRecordSizeIsTenMibTakesATenMibRecord() {
    String arn = activeStream("large", 1);
    byte[] tenMiB = new byte[10 * 1024 * 1024 - 1];
    tenMiB[tenMiB.length - 1] = 7;

    String before = codeOf(() -> kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k")
        .data(SdkBytes.fromByteArray(new byte[2 * 1024 * 1024]))));
    kinesis.updateMaxRecordSize(r -> r.streamARN(arn).maxRecordSizeInKiB(10_240));
    kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromByteArray(tenMiB)));
    String iterator = kinesis.getShardIterator(r -> r.streamARN(arn).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<Record> read = kinesis.getRecords(r -> r.streamARN(arn).shardIterator(iterator)).records();

    assertEquals("ValidationException", before);
    assertEquals(10_240, kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary()
        .maxRecordSizeInKiB());
    assertEquals(1, read.size());
    assertArrayEquals(tenMiB, read.get(0).data().asByteArray());
    assertEquals("InvalidArgumentException", codeOf(() -> kinesis.putRecord(r -> r.streamARN(arn).partitionKey("kk")
        .data(SdkBytes.fromByteArray(tenMiB)))));
  }

  @Test
  void encryptionIsReportedAndRecordsOfBeforeAndAfterReadBack() {
    String arn = activeStream("sealed", 1);
    kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("before")));

    kinesis.startStreamEncryption(r -> r.streamARN(arn).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
    StreamStatus updating = kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary()
        .streamStatus();
    CLOCK.advanceSeconds(1);
    kinesis.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("after")));
    StreamDescription described = kinesis.describeStream(r -> r.streamARN(arn)).streamDescription();
    String iterator = kinesis.getShardIterator(r -> r.streamARN(arn).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<Record> read = kinesis.getRecords(r -> r.streamARN(arn).shardIterator(iterator)).records();
    kinesis.stopStreamEncryption(r -> r.streamARN(arn).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
    CLOCK.advanceSeconds(1);

    assertEquals(StreamStatus.UPDATING, updating);
    assertEquals(EncryptionType.KMS, described.encryptionType());
    assertEquals("alias/aws/kinesis", described.keyId());
    assertEquals(List.of("before", "after"), read.stream().map(r -> r.data().asUtf8String()).toList());
    assertEquals(EncryptionType.KMS, read.get(1).encryptionType());
    assertEquals(EncryptionType.NONE, kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary()
        .encryptionType());
  }

  @Test
  void aStreamSwitchesToOnDemandAndTakesAWarmThroughput() {
    String arn = activeStream("switched", 2);

    String provisioned = codeOf(() -> kinesis.updateStreamWarmThroughput(r -> r.streamARN(arn)
        .warmThroughputMiBps(50)));
    kinesis.updateStreamMode(r -> r.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    StreamDescriptionSummary updating = kinesis.describeStreamSummary(r -> r.streamARN(arn))
        .streamDescriptionSummary();
    CLOCK.advanceSeconds(1);
    UpdateStreamWarmThroughputResponse warm = kinesis.updateStreamWarmThroughput(r -> r.streamARN(arn)
        .warmThroughputMiBps(50));

    assertEquals("InvalidArgumentException", provisioned);
    assertEquals(StreamStatus.UPDATING, updating.streamStatus());
    assertEquals(StreamMode.ON_DEMAND, updating.streamModeDetails().streamMode());
    assertEquals(50, warm.warmThroughput().targetMiBps());
    assertEquals(50, kinesis.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary().warmThroughput()
        .currentMiBps());
  }

  @Test
  void theAccountsBillingCommitmentIsDescribedAndUpdated() {
    kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c.status("ENABLED")));

    MinimumThroughputBillingCommitmentOutput described = kinesis.describeAccountSettings(r -> {})
        .minimumThroughputBillingCommitment();
    MinimumThroughputBillingCommitmentOutput ending = kinesis.updateAccountSettings(r -> r
        .minimumThroughputBillingCommitment(c -> c.status("DISABLED"))).minimumThroughputBillingCommitment();
    kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c.status("ENABLED")));

    assertEquals(MinimumThroughputBillingCommitmentOutputStatus.ENABLED, described.status());
    assertEquals(described.startedAt().plus(Duration.ofDays(1)), described.earliestAllowedEndAt());
    assertEquals(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END, ending.status());
    assertEquals(described.earliestAllowedEndAt(), ending.endedAt());
    assertEquals("ValidationException", codeOf(() -> kinesis.updateAccountSettings(r -> r
        .minimumThroughputBillingCommitment(c -> c.status("PAUSED")))));
  }
}

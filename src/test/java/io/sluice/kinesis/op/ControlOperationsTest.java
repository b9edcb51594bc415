package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.ShardMetrics;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.Shapes.Tag;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control-plane operations beyond streams' life cycle, on the in-memory store with a manual clock. */
class ControlOperationsTest {
  private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

  private final MemoryKinesis kinesis = new MemoryKinesis();

  private List<Tag> resourceTags() {
    return kinesis.call(ListTagsForResource::new, new ListTagsForResource.Request(ARN)).tags();
  }

  @Test
  void aStreamIsTaggedAndUntaggedByItsArnWithinFiftyTags() {
    kinesis.activeStream("orders", 1);
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }

    kinesis.call(TagResource::new, new TagResource.Request(ARN, Map.of("team", "a", "env", "test")));
    List<Tag> tagged = resourceTags();
    kinesis.call(UntagResource::new, new UntagResource.Request(ARN, List.of("env", "none")));
    List<Tag> untagged = resourceTags();
    kinesis.call(TagResource::new, new TagResource.Request(ARN, many));

    assertEquals(List.of(new Tag("env", "test"), new Tag("team", "a")), tagged);
    assertEquals(List.of(new Tag("team", "a")), untagged);
    assertEquals(50, resourceTags().size());
    assertEquals("LimitExceededException", kinesis.errorCode(TagResource::new,
        new TagResource.Request(ARN, Map.of("one-more", "v"))));
  }

  @Test
  void resourceArnsAreCheckedAsAwsChecksThem() {
    kinesis.call(CreateStream::new, new CreateStream.Request("orders", 1, null, null));

    assertEquals("ResourceInUseException", kinesis.errorCode(TagResource::new,
        new TagResource.Request(ARN, Map.of("a", "b"))));
    assertEquals("ValidationException", kinesis.errorCode(TagResource::new,
        new TagResource.Request("arn:aws:sqs:us-east-1:000000000000:orders", Map.of("a", "b"))));
    assertEquals("ValidationException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(null)));
    assertEquals("ValidationException", kinesis.errorCode(UntagResource::new,
        new UntagResource.Request(ARN, List.of())));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(ARN.replace("orders", "none"))));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(ARN + "/consumer/app:1700000000")));
    assertEquals("AccessDeniedException", kinesis.errorCode(Principal.account("111122223333"),
        ListTagsForResource::new, new ListTagsForResource.Request(ARN)));
  }

  @Test
  void limitsCountOpenShardsAndOnDemandStreams() {
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(0, 0, 20, 4, true));
    small.call(CreateStream::new, new CreateStream.Request("a", 3, null, null));
    small.call(CreateStream::new, new CreateStream.Request("b", null, new StreamModeDetails("ON_DEMAND"), null));

    DescribeLimits.Response limits = small.call(DescribeLimits::new, new DescribeLimits.Request());

    assertEquals(new DescribeLimits.Response(20, 7, 1, 50), limits);
  }

  @Test
  void shardLevelMetricsAreEnabledAndDisabledAndAllMeansEveryOne() {
    kinesis.activeStream("orders", 1);

    var enabled = kinesis.call(EnableEnhancedMonitoring::new, new EnableEnhancedMonitoring.Request("orders", null,
        List.of("IncomingBytes")));
    var all = kinesis.call(EnableEnhancedMonitoring::new, new EnableEnhancedMonitoring.Request(null, ARN, List.of("ALL")));
    var disabled = kinesis.call(DisableEnhancedMonitoring::new, new DisableEnhancedMonitoring.Request("orders", null,
        List.of("ALL")));

    assertEquals(List.of(), enabled.currentShardLevelMetrics());
    assertEquals(List.of("IncomingBytes"), enabled.desiredShardLevelMetrics());
    assertEquals(ShardMetrics.ALL.stream().sorted().toList(), all.desiredShardLevelMetrics());
    assertEquals(List.of(), disabled.desiredShardLevelMetrics());
    assertEquals("ValidationException", kinesis.errorCode(EnableEnhancedMonitoring::new,
        new EnableEnhancedMonitoring.Request("orders", null, List.of("Latency"))));
  }

  @Test
  void aLargerMaxRecordSizeLetsLargerRecordsIn() {
    kinesis.activeStream("orders", 1);
    byte[] twoMiB = new byte[2 * 1024 * 1024];
    String before = kinesis.errorCode(PutRecord::new, new PutRecord.Request("orders", null, twoMiB, "k", null, null));

    kinesis.call(UpdateMaxRecordSize::new, new UpdateMaxRecordSize.Request(ARN, 4096));
    kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, twoMiB, "k", null, null));
    kinesis.call(PutRecords::new, new PutRecords.Request(List.of(new PutRecords.Entry(twoMiB, null, "k"),
        new PutRecords.Entry(twoMiB, null, "k")), "orders", null));

    assertEquals("ValidationException", before);
    assertEquals("InvalidArgumentException", kinesis.errorCode(PutRecord::new, new PutRecord.Request("orders", null,
        new byte[4 * 1024 * 1024], "k", null, null)));
    assertEquals("ValidationException", kinesis.errorCode(UpdateMaxRecordSize::new,
        new UpdateMaxRecordSize.Request(ARN, 10_241)));
    assertEquals(4096, kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().maxRecordSizeInKiB());
  }

  @Test
  void encryptionSealsRecordsPutWhileItIsOnAndRecordsOfBeforeStayReadable() {
    kinesis.activeStream("orders", 1);
    byte[] plain = "before".getBytes(StandardCharsets.UTF_8);
    byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
    kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, plain, "k", null, null));

    kinesis.call(StartStreamEncryption::new, new StartStreamEncryption.Request("orders", "KMS", "alias/aws/kinesis",
        null));
    String updating = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().streamStatus();
    kinesis.clock.advanceSeconds(1);
    kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, secret, "k", null, null));
    var summary = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary();
    StreamRecord stream = Await.await(kinesis.services.store().find(new StreamId(MemoryKinesis.REGION,
        MemoryKinesis.ACCOUNT, "orders"), kinesis.clock.millis())).orElseThrow();
    List<StoredRecord> atRest = Await.await(kinesis.services.store().read(stream, 0, Position.START, 10,
        kinesis.clock.millis()));
    String iterator = kinesis.call(GetShardIterator::new, new GetShardIterator.Request("orders", null,
        "shardId-000000000000", "TRIM_HORIZON", null, null)).shardIterator();
    List<GetRecords.Record> read = kinesis.call(GetRecords::new, new GetRecords.Request(iterator, null, null))
        .records();

    assertEquals("UPDATING", updating);
    assertEquals("KMS", summary.encryptionType());
    assertEquals("alias/aws/kinesis", summary.keyId());
    assertEquals(List.of(false, true), atRest.stream().map(StoredRecord::sealed).toList());
    assertFalse(new String(atRest.get(1).data(), StandardCharsets.ISO_8859_1).contains("secret"));
    assertArrayEquals(plain, read.get(0).data());
    assertArrayEquals(secret, read.get(1).data());
    assertEquals(Arrays.asList(null, "KMS"), read.stream().map(GetRecords.Record::encryptionType).toList());

    kinesis.call(StopStreamEncryption::new, new StopStreamEncryption.Request("orders", "KMS", "alias/aws/kinesis",
        null));
    kinesis.clock.advanceSeconds(1);
    assertEquals("NONE", kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().encryptionType());
    assertEquals("InvalidArgumentException", kinesis.errorCode(StartStreamEncryption::new,
        new StartStreamEncryption.Request("orders", "NONE", "k", null)));
  }

  @Test
  void theModeSwitchesWithAnUpdateAndWarmThroughputIsForOnDemandStreams() {
    kinesis.activeStream("orders", 2);

    assertEquals("InvalidArgumentException", kinesis.errorCode(UpdateStreamWarmThroughput::new,
        new UpdateStreamWarmThroughput.Request(ARN, null, 100)));
    kinesis.call(UpdateStreamMode::new, new UpdateStreamMode.Request(ARN, new StreamModeDetails("ON_DEMAND"), null));
    var updating = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary();
    String busy = kinesis.errorCode(UpdateStreamWarmThroughput::new,
        new UpdateStreamWarmThroughput.Request(ARN, null, 100));
    kinesis.clock.advanceSeconds(1);
    UpdateStreamWarmThroughput.Response warm = kinesis.call(UpdateStreamWarmThroughput::new,
        new UpdateStreamWarmThroughput.Request(null, "orders", 100));

    assertEquals("UPDATING", updating.streamStatus());
    assertEquals("ON_DEMAND", updating.streamModeDetails().streamMode());
    assertEquals(2, updating.openShardCount());
    assertEquals("ResourceInUseException", busy);
    assertEquals(100, warm.warmThroughput().targetMiBps());
    assertEquals(100, kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().warmThroughput().currentMiBps());
  }

  @Test
  void aResourcePolicyGrantsAnotherAccountTheActionsItAllowsUntilItIsDeleted() {
    kinesis.activeStream("orders", 1);
    Principal other = Principal.account("111122223333");
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"111122223333\"},\"Action\":[\"kinesis:PutRecord\",\"kinesis:GetShardIterator\",\"kinesis:GetRecords\"],"
        + "\"Resource\":\"" + ARN + "\"}]}";
    PutRecord.Request put = new PutRecord.Request(null, ARN, new byte[] {1}, "k", null, null);
    String before = kinesis.errorCode(other, PutRecord::new, put);

    kinesis.call(PutResourcePolicy::new, new PutResourcePolicy.Request(ARN, policy));
    kinesis.call(other, PutRecord::new, put);
    String iterator = kinesis.call(other, GetShardIterator::new, new GetShardIterator.Request(null, ARN,
        "shardId-000000000000", "TRIM_HORIZON", null, null)).shardIterator();
    List<GetRecords.Record> read = kinesis.call(other, GetRecords::new, new GetRecords.Request(iterator, null, null))
        .records();
    String describe = kinesis.errorCode(other, DescribeStreamSummary::new, new DescribeStreamSummary.Request(null, ARN));
    String tag = kinesis.errorCode(other, TagResource::new, new TagResource.Request(ARN, Map.of("a", "b")));
    String stored = kinesis.call(GetResourcePolicy::new, new GetResourcePolicy.Request(ARN)).policy();
    kinesis.call(DeleteResourcePolicy::new, new DeleteResourcePolicy.Request(ARN));

    assertEquals("AccessDeniedException", before);
    assertEquals(1, read.size());
    assertEquals("AccessDeniedException", describe);
    assertEquals("AccessDeniedException", tag);
    assertEquals(policy, stored);
    assertEquals("AccessDeniedException", kinesis.errorCode(other, PutRecord::new, put));
    assertEquals("{}", kinesis.call(GetResourcePolicy::new, new GetResourcePolicy.Request(ARN)).policy());
    assertEquals("ResourceNotFoundException", kinesis.errorCode(DeleteResourcePolicy::new,
        new DeleteResourcePolicy.Request(ARN)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(PutResourcePolicy::new,
        new PutResourcePolicy.Request(ARN, "not json")));
  }

  @Test
  void theBillingCommitmentIsEnabledDisabledAndRefusedForAnUnknownStatus() {
    var none = kinesis.call(DescribeAccountSettings::new, new DescribeAccountSettings.Request())
        .minimumThroughputBillingCommitment();
    var enabled = kinesis.call(UpdateAccountSettings::new, new UpdateAccountSettings.Request(
        new UpdateAccountSettings.CommitmentInput("ENABLED"))).minimumThroughputBillingCommitment();
    var ending = kinesis.call(UpdateAccountSettings::new, new UpdateAccountSettings.Request(
        new UpdateAccountSettings.CommitmentInput("DISABLED"))).minimumThroughputBillingCommitment();

    assertEquals("DISABLED", none.status());
    assertEquals(null, none.startedAt());
    assertEquals("ENABLED", enabled.status());
    assertEquals(kinesis.clock.instant(), enabled.startedAt());
    assertEquals(kinesis.clock.instant().plusSeconds(86_400), enabled.earliestAllowedEndAt());
    assertEquals("ENABLED_UNTIL_EARLIEST_ALLOWED_END", ending.status());
    assertEquals(enabled.earliestAllowedEndAt(), ending.endedAt());
    assertEquals("ValidationException", kinesis.errorCode(UpdateAccountSettings::new,
        new UpdateAccountSettings.Request(new UpdateAccountSettings.CommitmentInput("PAUSED"))));
  }
}

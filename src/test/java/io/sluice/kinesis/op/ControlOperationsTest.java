package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.ShardMetrics;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.Shapes.Tag;
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
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(0, 0, 20, 4));
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
}

package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
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
}

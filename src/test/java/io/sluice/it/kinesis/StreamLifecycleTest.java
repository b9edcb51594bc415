package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sluice.testing.AwsErrors.codeOf;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Streams through the AWS SDK v2 {@code KinesisClient}, in CBOR (its default) and in JSON, on each
 * engine: create (provisioned and on demand), describe, list with paging, shards with filters and
 * paging, tags, retention, delete; and the errors AWS answers.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "MEMORY,false", "REDIS,true", "REDIS,false"})
class StreamLifecycleTest extends KinesisSdkTest {
  static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  @Test
  void aCreatedStreamIsCreatingThenActiveWithItsShardsSplittingTheHashKeySpace() {
    String stream = name("orders");

    kinesis.createStream(r -> r.streamName(stream).shardCount(3));
    StreamStatus first = kinesis.describeStream(r -> r.streamName(stream)).streamDescription().streamStatus();
    CLOCK.advanceSeconds(1);
    StreamDescription described = kinesis.describeStream(r -> r.streamName(stream)).streamDescription();

    assertEquals(StreamStatus.CREATING, first);
    assertEquals(StreamStatus.ACTIVE, described.streamStatus());
    assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream, described.streamARN());
    assertEquals(24, described.retentionPeriodHours());
    assertEquals(StreamMode.PROVISIONED, described.streamModeDetails().streamMode());
    assertNotNull(described.streamCreationTimestamp());
    assertFalse(described.hasMoreShards());
    List<Shard> shards = described.shards();
    assertEquals(List.of("shardId-000000000000", "shardId-000000000001", "shardId-000000000002"),
        shards.stream().map(Shard::shardId).toList());
    assertEquals("0", shards.get(0).hashKeyRange().startingHashKey());
    assertEquals(MAX_HASH_KEY.toString(), shards.get(2).hashKeyRange().endingHashKey());
    for (int i = 1; i < 3; i++) {
      assertEquals(new BigInteger(shards.get(i - 1).hashKeyRange().endingHashKey()).add(BigInteger.ONE),
          new BigInteger(shards.get(i).hashKeyRange().startingHashKey()));
    }
    assertEquals(56, shards.get(0).sequenceNumberRange().startingSequenceNumber().length());
  }

  @Test
  void anOnDemandStreamHasFourShardsAndTheSummaryCountsThem() {
    String stream = name("demand");

    kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    CLOCK.advanceSeconds(1);
    String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    DescribeStreamSummaryResponse summary = kinesis.describeStreamSummary(r -> r.streamARN(arn));

    assertEquals(StreamMode.ON_DEMAND, summary.streamDescriptionSummary().streamModeDetails().streamMode());
    assertEquals(4, summary.streamDescriptionSummary().openShardCount());
    assertEquals(stream, summary.streamDescriptionSummary().streamName());
  }

  @Test
  void creatingAStreamTwiceIsResourceInUse() {
    String stream = name("twice");
    kinesis.createStream(r -> r.streamName(stream).shardCount(1));

    assertThrows(ResourceInUseException.class, () -> kinesis.createStream(r -> r.streamName(stream).shardCount(1)));
  }

  @Test
  void listStreamsPagesByNameWithSummaries() {
    String base = name("list");
    for (String s : List.of("a", "b", "c")) {
      kinesis.createStream(r -> r.streamName(base + s).shardCount(1));
    }

    ListStreamsResponse first = kinesis.listStreams(r -> r.limit(2).exclusiveStartStreamName(base));
    ListStreamsResponse second = kinesis.listStreams(r -> r.nextToken(first.nextToken()).limit(1));

    assertEquals(List.of(base + "a", base + "b"), first.streamNames());
    assertTrue(first.hasMoreStreams());
    assertEquals(base + "a", first.streamSummaries().get(0).streamName());
    assertEquals(List.of(base + "c"), second.streamNames());
  }

  @Test
  void listShardsPagesWithNextTokenAndFiltersAfterAShard() {
    String stream = name("shards");
    kinesis.createStream(r -> r.streamName(stream).shardCount(5));
    CLOCK.advanceSeconds(1);

    ListShardsResponse first = kinesis.listShards(r -> r.streamName(stream).maxResults(2));
    ListShardsResponse second = kinesis.listShards(r -> r.nextToken(first.nextToken()).maxResults(10));
    ListShardsResponse filtered = kinesis.listShards(r -> r.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000003")));

    assertEquals(List.of("shardId-000000000000", "shardId-000000000001"),
        first.shards().stream().map(Shard::shardId).toList());
    assertEquals(3, second.shards().size());
    assertNull(second.nextToken());
    assertEquals(List.of("shardId-000000000004"), filtered.shards().stream().map(Shard::shardId).toList());
  }

  @Test
  void tagsAreAddedListedAndRemoved() {
    String stream = name("tags");
    kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(Map.of("team", "a")));
    CLOCK.advanceSeconds(1);

    kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("env", "test", "team", "b")));
    List<Tag> tags = kinesis.listTagsForStream(r -> r.streamName(stream)).tags();
    kinesis.removeTagsFromStream(r -> r.streamName(stream).tagKeys("env"));
    List<Tag> after = kinesis.listTagsForStream(r -> r.streamName(stream)).tags();

    assertEquals(List.of(Tag.builder().key("env").value("test").build(), Tag.builder().key("team").value("b").build()),
        tags);
    assertEquals(List.of(Tag.builder().key("team").value("b").build()), after);
  }

  @Test
  void retentionIsIncreasedAndDecreasedWithinItsBounds() {
    String stream = name("retention");
    kinesis.createStream(r -> r.streamName(stream).shardCount(1));
    CLOCK.advanceSeconds(1);

    kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48));
    int increased = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
        .retentionPeriodHours();
    String shorterByIncrease = codeOf(() -> kinesis.increaseStreamRetentionPeriod(
        r -> r.streamName(stream).retentionPeriodHours(30)));
    String tooLong = codeOf(() -> kinesis.increaseStreamRetentionPeriod(
        r -> r.streamName(stream).retentionPeriodHours(8761)));
    kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(24));
    int decreased = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
        .retentionPeriodHours();

    assertEquals(48, increased);
    assertEquals("InvalidArgumentException", shorterByIncrease);
    assertEquals("InvalidArgumentException", tooLong);
    assertEquals(24, decreased);
  }

  @Test
  void aDeletedStreamIsDeletingThenGoneAndItsNameFree() {
    String stream = name("deleted");
    kinesis.createStream(r -> r.streamName(stream).shardCount(1));
    CLOCK.advanceSeconds(1);

    kinesis.deleteStream(r -> r.streamName(stream));
    StreamStatus deleting = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
        .streamStatus();
    CLOCK.advanceSeconds(1);

    assertEquals(StreamStatus.DELETING, deleting);
    assertThrows(ResourceNotFoundException.class, () -> kinesis.describeStream(r -> r.streamName(stream)));
    kinesis.createStream(r -> r.streamName(stream).shardCount(2));
    assertEquals(2, kinesis.describeStream(r -> r.streamName(stream)).streamDescription().shards().size());
  }

  @Test
  void aMissingStreamIsResourceNotFoundAndABadNameAValidationError() {
    assertEquals("ResourceNotFoundException", codeOf(() -> kinesis.describeStream(r -> r.streamName(name("none")))));
    assertEquals("ValidationException", codeOf(() -> kinesis.describeStream(r -> r.streamName("bad name!"))));
    assertEquals("ResourceNotFoundException", codeOf(() -> kinesis.deleteStream(r -> r.streamName(name("none")))));
  }
}

package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.testing.TestSluice;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * Resharding through the AWS SDK v2 {@code KinesisClient}, in CBOR and in JSON, on each engine:
 * SplitShard, MergeShards and UpdateShardCount up and down with their refusals, ListShards filters
 * and paging, records in order per partition key across reshards read with GetRecords following
 * ChildShards, and a {@code SubscribeToShard} (with {@code KinesisAsyncClient}) reaching the end of a
 * closed shard.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "MEMORY,false", "REDIS,true", "REDIS,false"})
class ReshardTest extends KinesisSdkTest {
  private static final String S0 = "shardId-000000000000";
  private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

  private String activeStream(String base, int shards) {
    String stream = name(base);
    kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
    CLOCK.advanceSeconds(1);
    return stream;
  }

  private StreamStatus status(String stream) {
    return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus();
  }

  private static List<String> ids(List<Shard> shards) {
    return shards.stream().map(Shard::shardId).toList();
  }

  @Test
  void splitAndMergeCloseParentsAndOpenChildrenListedWithFiltersAndPages() {
    // Given a stream of one shard
    String stream = activeStream("split", 1);

    // When it is split, then its two children merged back
    kinesis.splitShard(r -> r.streamName(stream).shardToSplit(S0).newStartingHashKey(HALF));
    StreamStatus updating = status(stream);
    String refused = codeOf(() -> kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000001")
        .adjacentShardToMerge("shardId-000000000002")));
    CLOCK.advanceSeconds(1);
    kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000001")
        .adjacentShardToMerge("shardId-000000000002"));
    CLOCK.advanceSeconds(1);

    // Then the stream was UPDATING (refusing another reshard) and is ACTIVE; the lineage is listed
    assertEquals(StreamStatus.UPDATING, updating);
    assertEquals("ResourceInUseException", refused);
    assertEquals(StreamStatus.ACTIVE, status(stream));
    List<Shard> all = kinesis.describeStream(r -> r.streamName(stream)).streamDescription().shards();
    assertEquals(List.of(S0, "shardId-000000000001", "shardId-000000000002", "shardId-000000000003"), ids(all));
    assertNotNull(all.get(0).sequenceNumberRange().endingSequenceNumber());
    assertEquals(S0, all.get(1).parentShardId());
    assertEquals(HALF, all.get(2).hashKeyRange().startingHashKey());
    assertEquals("shardId-000000000001", all.get(3).parentShardId());
    assertEquals("shardId-000000000002", all.get(3).adjacentParentShardId());
    assertNull(all.get(3).sequenceNumberRange().endingSequenceNumber());
    assertEquals(1, kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
        .openShardCount());
    assertEquals(List.of("shardId-000000000003"), ids(kinesis.listShards(r -> r.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards()));
    assertEquals(List.of(S0), ids(kinesis.listShards(r -> r.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards()));
    assertEquals(List.of("shardId-000000000002", "shardId-000000000003"), ids(kinesis.listShards(r -> r
        .streamName(stream).shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000001")))
        .shards()));
    ListShardsResponse page = kinesis.listShards(r -> r.streamName(stream).maxResults(3)
        .shardFilter(f -> f.type(ShardFilterType.FROM_TRIM_HORIZON)));
    ListShardsResponse rest = kinesis.listShards(r -> r.nextToken(page.nextToken()));
    assertEquals(3, page.shards().size());
    assertEquals(List.of("shardId-000000000003"), ids(rest.shards()));
    assertNull(rest.nextToken());
  }

  @Test
  void reshardsAreRefusedAsAwsRefusesThem() {
    String stream = activeStream("refused", 2);

    assertEquals("InvalidArgumentException", codeOf(() -> kinesis.splitShard(r -> r.streamName(stream)
        .shardToSplit(S0).newStartingHashKey("1"))));
    assertEquals("ResourceNotFoundException", codeOf(() -> kinesis.splitShard(r -> r.streamName(stream)
        .shardToSplit("shardId-000000000009").newStartingHashKey("100"))));
    assertEquals("InvalidArgumentException", codeOf(() -> kinesis.mergeShards(r -> r.streamName(stream)
        .shardToMerge(S0).adjacentShardToMerge(S0))));
    assertEquals("LimitExceededException", codeOf(() -> kinesis.updateShardCount(r -> r.streamName(stream)
        .targetShardCount(5).scalingType(ScalingType.UNIFORM_SCALING))));
    assertEquals("ResourceNotFoundException", codeOf(() -> kinesis.updateShardCount(r -> r.streamName(stream + "-none")
        .targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING))));
    kinesis.splitShard(r -> r.streamName(stream).shardToSplit(S0).newStartingHashKey("100"));
    CLOCK.advanceSeconds(1);
    assertEquals("ResourceInUseException", codeOf(() -> kinesis.splitShard(r -> r.streamName(stream)
        .shardToSplit(S0).newStartingHashKey("1000"))));
  }

  @Test
  void recordsStayInOrderPerPartitionKeyAcrossScalingUpAndDownFollowingChildShards() {
    // Given records put before, between and after scaling 2 -> 4 -> 2 shards
    String stream = activeStream("scaled", 2);
    Map<String, List<String>> sent = new LinkedHashMap<>();
    List<UpdateShardCountResponse> scalings = new ArrayList<>();
    int n = 0;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 30; i++) {
        String key = "key-" + (i % 7);
        String value = key + "#" + n++;
        kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(value)));
        sent.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      if (round < 2) {
        int target = round == 0 ? 4 : 2;
        scalings.add(kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(target)
            .scalingType(ScalingType.UNIFORM_SCALING)));
        CLOCK.advanceSeconds(1);
      }
    }

    // When they are read from the shards open at the trim horizon, each shard after its parents
    Map<String, List<String>> got = new HashMap<>();
    Set<String> done = new HashSet<>();
    List<String> ready = new ArrayList<>(ids(kinesis.listShards(r -> r.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards()));
    boolean twoParents = false;
    while (!ready.isEmpty()) {
      String shard = ready.removeFirst();
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse read = kinesis.getRecords(r -> r.shardIterator(current).limit(10));
        read.records().forEach(rec -> got.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>())
            .add(rec.data().asUtf8String()));
        iterator = read.nextShardIterator();
        if (iterator == null) {
          done.add(shard);
          for (ChildShard child : read.childShards()) {
            twoParents |= child.parentShards().size() == 2;
            if (done.containsAll(child.parentShards()) && !ready.contains(child.shardId())
                && !done.contains(child.shardId())) {
              ready.add(child.shardId());
            }
          }
        } else {
          assertTrue(read.childShards().isEmpty());
          if (read.records().isEmpty()) {
            break;
          }
        }
      }
    }

    // Then each was read once, in the order put per partition key
    assertEquals(2, scalings.get(0).currentShardCount());
    assertEquals(4, scalings.get(0).targetShardCount());
    assertEquals(stream, scalings.get(1).streamName());
    assertEquals(sent, got);
    assertTrue(twoParents);
    assertEquals(2, kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
        .shards().size());
  }

  @Test
  void aSubscriptionToAClosedShardEndsWithItsChildrenAndNoContinuation() throws Exception {
    assumeTrue(cbor, "SubscribeToShard is JSON in either case: once per engine");
    try (KinesisAsyncClient async = KinesisAsyncClient.builder().endpointOverride(NODES.endpoint(engine))
        .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
      // Given a consumer of a stream whose only shard held two records and was then split
      String stream = name("closed-efo");
      Consumer consumer = EnhancedFanOutTest.streamWithConsumer(async, stream, () -> CLOCK.advanceSeconds(1));
      for (String data : List.of("one", "two")) {
        async.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(data)))
            .get(10, TimeUnit.SECONDS);
      }
      async.splitShard(r -> r.streamName(stream).shardToSplit(S0).newStartingHashKey(HALF)).get(10, TimeUnit.SECONDS);
      CLOCK.advanceSeconds(1);

      // When it subscribes to the closed shard from its start
      Subscriptions subscription = Subscriptions.fromStart(async, consumer.consumerARN());
      List<String> records = new ArrayList<>();
      SubscribeToShardEvent event;
      do {
        event = subscription.next(Duration.ofSeconds(5)).event();
        event.records().forEach(r -> records.add(r.data().asUtf8String()));
      } while (event.continuationSequenceNumber() != null);
      subscription.call.get(5, TimeUnit.SECONDS);

      // Then the records came, then an event with the children and no continuation, and the stream ended
      assertEquals(List.of("one", "two"), records);
      assertEquals(List.of("shardId-000000000001", "shardId-000000000002"),
          event.childShards().stream().map(ChildShard::shardId).toList());
      assertEquals(List.of(S0), event.childShards().getFirst().parentShards());
      assertEquals(List.of(), subscription.errors);
    }
  }
}

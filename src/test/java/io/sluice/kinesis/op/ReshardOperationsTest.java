package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.Puts;
import io.sluice.kinesis.Shapes.ChildShard;
import io.sluice.kinesis.Shapes.HashKeyRange;
import io.sluice.kinesis.Shapes.ShardDescription;
import io.sluice.kinesis.model.HashKeys;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.testing.Await;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SplitShard, MergeShards and UpdateShardCount on the in-memory store with a manual clock: what they
 * change, every refusal, routing, reading across a reshard by following ChildShards, and listing.
 */
class ReshardOperationsTest {
  private static final String S0 = "shardId-000000000000";
  private static final String S1 = "shardId-000000000001";
  private static final String S2 = "shardId-000000000002";
  private static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

  private final MemoryKinesis kinesis = new MemoryKinesis();

  private void split(String stream, String shard, String key) {
    kinesis.call(SplitShard::new, new SplitShard.Request(stream, null, shard, key));
  }

  private void merge(String stream, String shard, String adjacent) {
    kinesis.call(MergeShards::new, new MergeShards.Request(stream, null, shard, adjacent));
  }

  private UpdateShardCount.Response scale(String stream, Integer target) {
    return kinesis.call(UpdateShardCount::new, new UpdateShardCount.Request(stream, null, target, "UNIFORM_SCALING"));
  }

  private String status(String stream) {
    return kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request(stream, null))
        .streamDescriptionSummary().streamStatus();
  }

  private List<ShardDescription> shards(String stream, ListShards.ShardFilter filter) {
    return kinesis.call(ListShards::new, new ListShards.Request(stream, null, null, null, null, null, filter)).shards();
  }

  private static List<String> ids(List<ShardDescription> shards) {
    return shards.stream().map(ShardDescription::shardId).toList();
  }

  private PutRecord.Response put(String stream, String key, String data) {
    return kinesis.call(PutRecord::new, new PutRecord.Request(stream, null, data.getBytes(StandardCharsets.UTF_8), key,
        null, null));
  }

  private GetRecords.Response read(String stream, String shard, String type) {
    String iterator = kinesis.call(GetShardIterator::new, new GetShardIterator.Request(stream, null, shard, type, null,
        null)).shardIterator();
    return kinesis.call(GetRecords::new, new GetRecords.Request(iterator, null, null));
  }

  private static List<String> data(GetRecords.Response r) {
    return r.records().stream().map(x -> new String(x.data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void splitShardClosesTheShardAndOpensTwoChildrenOverItsRange() {
    // Given an ACTIVE stream of one shard with a record
    kinesis.activeStream("orders", 1);
    put("orders", "k", "before");

    // When the shard is split at 2^127
    split("orders", S0, HALF);
    String updating = status("orders");
    kinesis.clock.advanceSeconds(1);

    // Then the stream was UPDATING, then ACTIVE; the parent is closed with an end after its record,
    // the children continue the numbering, each with half the range and the parent
    List<ShardDescription> listed = shards("orders", null);
    assertEquals("UPDATING", updating);
    assertEquals("ACTIVE", status("orders"));
    assertEquals(List.of(S0, S1, S2), ids(listed));
    String ending = listed.get(0).sequenceNumberRange().endingSequenceNumber();
    assertNotNull(ending);
    assertTrue(new BigInteger(ending).compareTo(new BigInteger(read("orders", S0, "TRIM_HORIZON").records()
        .getFirst().sequenceNumber())) > 0);
    assertEquals(new HashKeyRange("0", new BigInteger(HALF).subtract(BigInteger.ONE).toString()),
        listed.get(1).hashKeyRange());
    assertEquals(new HashKeyRange(HALF, HashKeys.MAX.toString()), listed.get(2).hashKeyRange());
    assertEquals(List.of(S0, S0), listed.subList(1, 3).stream().map(ShardDescription::parentShardId).toList());
    assertNull(listed.get(1).adjacentParentShardId());
    assertNull(listed.get(1).sequenceNumberRange().endingSequenceNumber());
    assertEquals(2, kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().openShardCount());
    assertEquals(2, kinesis.call(DescribeLimits::new, new DescribeLimits.Request()).openShardCount());
  }

  @Test
  void splitShardIsRefusedAsAwsRefusesIt() {
    kinesis.activeStream("orders", 2);
    String end0 = HashKeys.end(0, 2).toString();

    assertEquals("ValidationException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, null, HALF)));
    assertEquals("ValidationException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, null)));
    assertEquals("ValidationException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, "-1")));
    assertEquals("InvalidArgumentException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, "1")));
    assertEquals("InvalidArgumentException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, end0)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, HashKeys.MAX.add(BigInteger.ONE).toString())));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, "shardId-000000000009", "100")));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("none", null, S0, "100")));
    split("orders", S0, "100");
    assertEquals("ResourceInUseException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S1, HashKeys.end(1, 2).subtract(BigInteger.ONE).toString())));
    kinesis.clock.advanceSeconds(1);
    assertEquals("ResourceInUseException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, "1000")));
    kinesis.call(CreateStream::new, new CreateStream.Request("young", 1, null, null));
    assertEquals("ResourceInUseException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("young", null, S0, HALF)));
  }

  @Test
  void anOnDemandStreamIsNotResharded() {
    kinesis.call(CreateStream::new, new CreateStream.Request("auto", null,
        new io.sluice.kinesis.Shapes.StreamModeDetails("ON_DEMAND"), null));
    kinesis.clock.advanceSeconds(1);

    assertEquals("ValidationException", kinesis.errorCode(SplitShard::new,
        new SplitShard.Request("auto", null, S0, "100")));
    assertEquals("ValidationException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("auto", null, S0, S1)));
    assertEquals("ValidationException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("auto", null, 5, "UNIFORM_SCALING")));
  }

  @Test
  void splitShardPastTheAccountsShardLimitIsLimitExceeded() {
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(500, 500, 2, 4));
    small.activeStream("orders", 2);

    assertEquals("LimitExceededException", small.errorCode(SplitShard::new,
        new SplitShard.Request("orders", null, S0, "100")));
  }

  @Test
  void mergeShardsClosesTwoAdjacentShardsIntoOneChildOfBoth() {
    kinesis.activeStream("orders", 3);

    merge("orders", S2, S1);
    kinesis.clock.advanceSeconds(1);

    ShardDescription child = shards("orders", null).get(3);
    assertEquals("shardId-000000000003", child.shardId());
    assertEquals(S2, child.parentShardId());
    assertEquals(S1, child.adjacentParentShardId());
    assertEquals(new HashKeyRange(HashKeys.start(1, 3).toString(), HashKeys.MAX.toString()), child.hashKeyRange());
    assertEquals(List.of(S0, "shardId-000000000003"), ids(shards("orders",
        new ListShards.ShardFilter("AT_LATEST", null, null))));
  }

  @Test
  void mergeShardsIsRefusedAsAwsRefusesIt() {
    kinesis.activeStream("orders", 3);

    assertEquals("ValidationException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, null, S1)));
    assertEquals("ValidationException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, S0, null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, S0, S2)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, S0, S0)));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, S0, "shardId-000000000007")));
    merge("orders", S0, S1);
    assertEquals("ResourceInUseException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, "shardId-000000000003", S2)));
    kinesis.clock.advanceSeconds(1);
    assertEquals("ResourceInUseException", kinesis.errorCode(MergeShards::new,
        new MergeShards.Request("orders", null, S1, S2)));
  }

  @Test
  void updateShardCountAnswersTheCountsAndLeavesUniformShards() {
    kinesis.activeStream("orders", 2);

    UpdateShardCount.Response up = scale("orders", 3);
    String updating = status("orders");
    kinesis.clock.advanceSeconds(1);

    assertEquals(new UpdateShardCount.Response("orders", 2, 3, "arn:aws:kinesis:us-east-1:000000000000:stream/orders"),
        up);
    assertEquals("UPDATING", updating);
    List<ShardDescription> open = shards("orders", new ListShards.ShardFilter("AT_LATEST", null, null));
    List<HashKeyRange> uniform = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      uniform.add(new HashKeyRange(HashKeys.start(i, 3).toString(), HashKeys.end(i, 3).toString()));
    }
    assertEquals(uniform, open.stream().map(ShardDescription::hashKeyRange)
        .sorted(java.util.Comparator.comparing(r -> new BigInteger(r.startingHashKey()))).toList());
  }

  @Test
  void everyUniformScalingWithinAwsLimitsReachesEqualShardsWithAtMostTwoParentsAndWholeLineage() {
    for (int from = 1; from <= 9; from++) {
      for (int to = (from + 1) / 2; to <= 2 * from; to++) {
        // Given a stream of `from` shards, one of them split beforehand (so not uniform)
        MemoryKinesis k = new MemoryKinesis(new KinesisConfig(500, 500, 10_000, 4));
        k.activeStream("s", from);
        StreamId id = new StreamId(MemoryKinesis.REGION, MemoryKinesis.ACCOUNT, "s");
        // When it is scaled to `to`
        k.call(UpdateShardCount::new, new UpdateShardCount.Request("s", null, to, "UNIFORM_SCALING"));
        StreamRecord stream = Await.await(k.services.store().find(id, k.clock.millis())).orElseThrow();

        // Then its open shards are the uniform ones, every shard's parents cover exactly its range,
        // and every closed shard has children covering its range
        String label = from + " -> " + to;
        List<BigInteger[]> open = stream.openShards().stream()
            .map(s -> new BigInteger[] {s.startingHashKey(), s.endingHashKey()}).toList();
        assertEquals(to, open.size(), label);
        for (int i = 0; i < to; i++) {
          assertEquals(HashKeys.start(i, to), open.get(i)[0], label);
          assertEquals(HashKeys.end(i, to), open.get(i)[1], label);
        }
        for (var s : stream.shards()) {
          if (s.parent() >= 0) {
            var p = stream.shards().get(s.parent());
            assertFalse(p.open(), label);
            BigInteger lo = p.startingHashKey();
            BigInteger hi = p.endingHashKey();
            if (s.adjacentParent() >= 0) {
              var a = stream.shards().get(s.adjacentParent());
              assertEquals(p.endingHashKey().add(BigInteger.ONE), a.startingHashKey(), label);
              hi = a.endingHashKey();
            }
            assertTrue(lo.compareTo(s.startingHashKey()) <= 0 && s.endingHashKey().compareTo(hi) <= 0, label);
          }
          if (!s.open()) {
            assertNotNull(s.endingMillis(), label);
            assertFalse(stream.children(s.index()).isEmpty(), label);
          }
        }
      }
    }
  }

  @Test
  void updateShardCountIsRefusedAsAwsRefusesIt() {
    kinesis.activeStream("orders", 4);

    assertEquals("ValidationException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, null, "UNIFORM_SCALING")));
    assertEquals("ValidationException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 0, "UNIFORM_SCALING")));
    assertEquals("ValidationException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 4, null)));
    assertEquals("ValidationException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 4, "OTHER")));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("none", null, 4, "UNIFORM_SCALING")));
    assertEquals("LimitExceededException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 9, "UNIFORM_SCALING")));
    assertEquals("LimitExceededException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 1, "UNIFORM_SCALING")));
    scale("orders", 2);
    assertEquals("ResourceInUseException", kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 3, "UNIFORM_SCALING")));
  }

  @Test
  void updateShardCountPastTenThousandOrTheAccountLimitIsLimitExceeded() {
    MemoryKinesis big = new MemoryKinesis(new KinesisConfig(500, 500, 30_000, 4));
    big.activeStream("big", 6000);
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(500, 500, 5, 4));
    small.activeStream("orders", 3);

    assertEquals("LimitExceededException", big.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("big", null, 10_001, "UNIFORM_SCALING")));
    assertEquals("LimitExceededException", small.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 6, "UNIFORM_SCALING")));
  }

  @Test
  void updateShardCountScalesAtMostTenTimesPerRollingDay() {
    kinesis.activeStream("orders", 1);
    for (int i = 0; i < 10; i++) {
      scale("orders", i % 2 == 0 ? 2 : 1);
      kinesis.clock.advanceSeconds(1);
    }

    String eleventh = kinesis.errorCode(UpdateShardCount::new,
        new UpdateShardCount.Request("orders", null, 2, "UNIFORM_SCALING"));
    kinesis.clock.advanceSeconds(24 * 3600 - 9);
    UpdateShardCount.Response nextDay = scale("orders", 2);

    assertEquals("LimitExceededException", eleventh);
    assertEquals(2, nextDay.targetShardCount());
  }

  @Test
  void recordsBeforeAndAfterReshardsAreReadInOrderPerPartitionKeyFollowingChildShards() {
    // Given records put before and after a scale up, a merge and a scale down
    kinesis.activeStream("orders", 2);
    Map<String, List<String>> sent = new LinkedHashMap<>();
    int n = 0;
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 40; i++) {
        String key = "key-" + (i % 13);
        String value = key + "#" + n++;
        put("orders", key, value);
        sent.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        kinesis.clock.advanceMillis(3);
      }
      switch (round) {
        case 0 -> scale("orders", 4);
        case 1 -> merge("orders", "shardId-000000000004", "shardId-000000000005");
        case 2 -> scale("orders", 2);
        default -> { }
      }
      kinesis.clock.advanceSeconds(1);
    }

    // When a reader starts at the shards open at the trim horizon and reads a shard only after all
    // its parents reached their ends (as KCL does), following ChildShards
    Map<String, List<String>> got = new HashMap<>();
    Set<String> done = new HashSet<>();
    Map<String, List<String>> parentsOf = new HashMap<>();
    List<String> ready = new ArrayList<>(ids(shards("orders", new ListShards.ShardFilter("AT_TRIM_HORIZON", null,
        null))));
    while (!ready.isEmpty()) {
      String shard = ready.removeFirst();
      String iterator = kinesis.call(GetShardIterator::new, new GetShardIterator.Request("orders", null, shard,
          "TRIM_HORIZON", null, null)).shardIterator();
      while (iterator != null) {
        GetRecords.Response r = kinesis.call(GetRecords::new, new GetRecords.Request(iterator, 7, null));
        r.records().forEach(rec -> got.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>())
            .add(new String(rec.data(), StandardCharsets.UTF_8)));
        iterator = r.nextShardIterator();
        if (iterator == null) {
          done.add(shard);
          for (ChildShard child : r.childShards()) {
            parentsOf.put(child.shardId(), child.parentShards());
            if (done.containsAll(child.parentShards()) && !ready.contains(child.shardId())
                && !done.contains(child.shardId())) {
              ready.add(child.shardId());
            }
          }
        } else if (r.records().isEmpty()) {
          break;
        }
      }
    }

    // Then every record was read once, in the order put per partition key
    assertEquals(sent, got);
    assertTrue(parentsOf.values().stream().anyMatch(p -> p.size() == 2));
  }

  @Test
  void getRecordsAtAClosedShardsEndAnswersNoIteratorAndItsChildrenOnlyThere() {
    kinesis.activeStream("orders", 1);
    put("orders", "k", "a");
    put("orders", "k", "b");
    split("orders", S0, HALF);
    kinesis.clock.advanceSeconds(1);
    String iterator = kinesis.call(GetShardIterator::new, new GetShardIterator.Request("orders", null, S0,
        "TRIM_HORIZON", null, null)).shardIterator();

    GetRecords.Response first = kinesis.call(GetRecords::new, new GetRecords.Request(iterator, 1, null));
    GetRecords.Response last = kinesis.call(GetRecords::new, new GetRecords.Request(first.nextShardIterator(), 5,
        null));

    assertEquals(List.of("a"), data(first));
    assertNotNull(first.nextShardIterator());
    assertNull(first.childShards());
    assertEquals(List.of("b"), data(last));
    assertNull(last.nextShardIterator());
    assertEquals(List.of(new ChildShard(S1, List.of(S0), new HashKeyRange("0",
            new BigInteger(HALF).subtract(BigInteger.ONE).toString())),
        new ChildShard(S2, List.of(S0), new HashKeyRange(HALF, HashKeys.MAX.toString()))), last.childShards());
  }

  @Test
  void everyIteratorTypeWorksOnAClosedShard() {
    kinesis.activeStream("orders", 1);
    String a = put("orders", "k", "a").sequenceNumber();
    kinesis.clock.advanceMillis(5);
    Instant atB = kinesis.clock.instant();
    put("orders", "k", "b");
    split("orders", S0, HALF);
    kinesis.clock.advanceSeconds(1);

    List<List<String>> got = new ArrayList<>();
    List<Boolean> ended = new ArrayList<>();
    for (GetShardIterator.Request req : List.of(
        new GetShardIterator.Request("orders", null, S0, "TRIM_HORIZON", null, null),
        new GetShardIterator.Request("orders", null, S0, "AT_SEQUENCE_NUMBER", a, null),
        new GetShardIterator.Request("orders", null, S0, "AFTER_SEQUENCE_NUMBER", a, null),
        new GetShardIterator.Request("orders", null, S0, "AT_TIMESTAMP", null, atB),
        new GetShardIterator.Request("orders", null, S0, "LATEST", null, null))) {
      GetRecords.Response r = kinesis.call(GetRecords::new, new GetRecords.Request(
          kinesis.call(GetShardIterator::new, req).shardIterator(), null, null));
      got.add(data(r));
      ended.add(r.nextShardIterator() == null && r.childShards().size() == 2);
    }

    assertEquals(List.of(List.of("a", "b"), List.of("a", "b"), List.of("b"), List.of("b"), List.of()), got);
    assertEquals(List.of(true, true, true, true, true), ended);
  }

  @Test
  void putsGoToTheOpenShardOfTheirHashKeyAndARacingPutMovesToTheChild() {
    kinesis.activeStream("orders", 1);
    StreamId id = new StreamId(MemoryKinesis.REGION, MemoryKinesis.ACCOUNT, "orders");
    StreamRecord before = Await.await(kinesis.services.store().find(id, kinesis.clock.millis())).orElseThrow();
    split("orders", S0, HALF);
    kinesis.clock.advanceSeconds(1);

    // A put that read the stream before the split: its append to the sealed parent is refused and
    // it is placed again on the stream as it now is
    Puts.Placed stale = Puts.place(before, "x".getBytes(StandardCharsets.UTF_8), "k", HashKeys.MAX.toString(), "");
    List<Puts.Stored> racing = Await.await(Puts.append(kinesis.services, before, List.of(stale), "PutRecord",
        kinesis.clock.millis()));
    PutRecord.Response low = kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, new byte[] {1}, "k",
        "0", null));

    assertEquals(0, stale.shard());
    assertEquals(S2, racing.getFirst().shardId());
    assertEquals(S1, low.shardId());
    assertTrue(racing.getFirst().sequenceNumber().startsWith("4000002"));
    assertEquals(List.of(), read("orders", S0, "TRIM_HORIZON").records());
  }

  @Test
  void aReshardLeftHalfDoneIsCompletedByTheNextCall() {
    // Given a split whose node stopped after the metadata step (the parent sealing, not sealed)
    kinesis.activeStream("orders", 1);
    put("orders", "k", "a");
    StreamId id = new StreamId(MemoryKinesis.REGION, MemoryKinesis.ACCOUNT, "orders");
    StreamRecord stream = Await.await(kinesis.services.store().find(id, kinesis.clock.millis())).orElseThrow();
    var reshard = io.sluice.kinesis.Reshards.split(kinesis.services, stream, stream.shards().getFirst(),
        new BigInteger(HALF));
    Await.await(kinesis.services.store().reshard(id, stream.createdMillis(), reshard, kinesis.clock.millis()));

    // When a put comes, and the parent is read to its end
    PutRecord.Response after = put("orders", "k", "b");
    GetRecords.Response parent = read("orders", S0, "TRIM_HORIZON");

    // Then the put went to a child and the parent was sealed with what it held
    assertTrue(after.shardId().equals(S1) || after.shardId().equals(S2));
    assertEquals(List.of("a"), data(parent));
    assertNull(parent.nextShardIterator());
    StreamRecord settled = Await.await(kinesis.services.store().find(id, kinesis.clock.millis())).orElseThrow();
    assertNotNull(settled.shards().getFirst().endingMillis());
  }

  @Test
  void listShardsFiltersAsAwsDescribesThem() {
    // Given a stream split at t1 and merged back at t2, then 25 hours later
    kinesis.activeStream("orders", 1);
    Instant t0 = kinesis.clock.instant();
    kinesis.clock.advanceSeconds(10);
    Instant t1 = kinesis.clock.instant();
    split("orders", S0, HALF);
    kinesis.clock.advanceSeconds(10);
    Instant t2 = kinesis.clock.instant();
    merge("orders", S1, S2);
    kinesis.clock.advanceSeconds(10);

    assertEquals(List.of(S0, S1, S2, "shardId-000000000003"), ids(shards("orders", null)));
    assertEquals(List.of(S0), ids(shards("orders", new ListShards.ShardFilter("AT_TRIM_HORIZON", null, null))));
    assertEquals(List.of(S0, S1, S2, "shardId-000000000003"),
        ids(shards("orders", new ListShards.ShardFilter("FROM_TRIM_HORIZON", null, null))));
    assertEquals(List.of("shardId-000000000003"), ids(shards("orders", new ListShards.ShardFilter("AT_LATEST", null,
        null))));
    assertEquals(List.of(S0), ids(shards("orders", new ListShards.ShardFilter("AT_TIMESTAMP", null, t0))));
    assertEquals(List.of(S1, S2), ids(shards("orders", new ListShards.ShardFilter("AT_TIMESTAMP", null,
        t1.plusSeconds(5)))));
    assertEquals(List.of(S1, S2, "shardId-000000000003"), ids(shards("orders", new ListShards.ShardFilter(
        "FROM_TIMESTAMP", null, t2))));
    assertEquals(List.of(S2, "shardId-000000000003"), ids(shards("orders", new ListShards.ShardFilter(
        "AFTER_SHARD_ID", S1, null))));

    // Paging keeps the filter in the token
    ListShards.Response page = kinesis.call(ListShards::new, new ListShards.Request("orders", null, null, null, 1,
        null, new ListShards.ShardFilter("FROM_TIMESTAMP", null, t2)));
    ListShards.Response rest = kinesis.call(ListShards::new, new ListShards.Request(null, null, page.nextToken(), null,
        10, null, null));
    assertEquals(List.of(S1), ids(page.shards()));
    assertEquals(List.of(S2, "shardId-000000000003"), ids(rest.shards()));
    assertNull(rest.nextToken());

    // Closed shards whose records are all past retention drop out
    kinesis.clock.advanceSeconds(25 * 3600);
    assertEquals(List.of("shardId-000000000003"), ids(shards("orders", null)));
    assertEquals(List.of("shardId-000000000003"), ids(kinesis.call(DescribeStream::new,
        new DescribeStream.Request("orders", null, null, null)).streamDescription().shards()));
  }

  @Test
  void describeStreamPagesOverClosedAndOpenShards() {
    kinesis.activeStream("orders", 2);
    split("orders", S0, "100");
    kinesis.clock.advanceSeconds(1);

    DescribeStream.StreamDescription first = kinesis.call(DescribeStream::new,
        new DescribeStream.Request("orders", null, 2, null)).streamDescription();
    DescribeStream.StreamDescription second = kinesis.call(DescribeStream::new,
        new DescribeStream.Request("orders", null, 2, S1)).streamDescription();

    assertEquals(List.of(S0, S1), ids(first.shards()));
    assertTrue(first.hasMoreShards());
    assertEquals(List.of(S2, "shardId-000000000003"), ids(second.shards()));
    assertFalse(second.hasMoreShards());
    assertNotNull(first.shards().getFirst().sequenceNumberRange().endingSequenceNumber());
  }

  @Test
  void listShardsWithAnotherStreamCreationTimestampIsNotFound() {
    kinesis.activeStream("orders", 1);
    Instant created = kinesis.call(DescribeStream::new, new DescribeStream.Request("orders", null, null, null))
        .streamDescription().streamCreationTimestamp();

    assertEquals(1, kinesis.call(ListShards::new, new ListShards.Request("orders", null, null, null, null, created,
        null)).shards().size());
    assertEquals("ResourceNotFoundException", kinesis.errorCode(ListShards::new, new ListShards.Request("orders",
        null, null, null, null, created.minusSeconds(60), null)));
    assertEquals(StreamStatus.ACTIVE.name(), status("orders"));
  }
}

package io.sluice.firehose.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.model.Encryption;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.storage.Sealer;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link DeliveryStreamStore}: every engine extends this class and must
 * pass every test. Time is a {@link ManualClock} passed as {@code now}; nothing sleeps. Subclasses
 * give a store without streams before each test.
 */
public abstract class DeliveryStreamStoreContract {
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  protected static final String DESTINATION = "destinationId-000000000001";

  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected DeliveryStreamStore store;

  protected abstract DeliveryStreamStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  protected long now() {
    return clock.millis();
  }

  protected DeliveryStreamRecord stream(String name) {
    ObjectNode config = FirehoseModel.object().put("BucketARN", "arn:aws:s3:::b");
    config.putObject("BufferingHints").put("SizeInMBs", 1);
    return new DeliveryStreamRecord(new DeliveryStreamId(REGION, ACCOUNT, name), "DirectPut", now(), now() + 500, 1,
        now(), List.of(new Destination("destinationId-000000000001", "ExtendedS3", config)), null, null,
        new Encryption(true, "AWS_OWNED_CMK", null, now(), List.of(now())), tags(), 0, null);
  }

  /** Two tags in an order that is not their keys'. */
  private static Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "a");
    tags.put("env", "b");
    return tags;
  }

  protected DeliveryStreamRecord created(String name) {
    DeliveryStreamRecord s = stream(name);
    assertEquals(Optional.empty(), await(store.create(s, now())));
    return s;
  }

  protected List<String> append(DeliveryStreamRecord s, String... texts) {
    List<byte[]> records = new ArrayList<>();
    for (String t : texts) {
      records.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return await(store.append(s, records, LATER, now())).recordIds();
  }

  /** A plan whose flushes are due a minute after their first record, or at 1 KiB, left for a claim. */
  protected static final FlushPlan LATER = new FlushPlan(DESTINATION, 60_000, 1024, null, 0);

  protected FlushPlan heldBy(String holder, long intervalMillis) {
    return new FlushPlan(DESTINATION, intervalMillis, 1024, holder, now() + 30_000);
  }

  protected Appended appendWith(DeliveryStreamRecord s, FlushPlan plan, String... texts) {
    List<byte[]> records = new ArrayList<>();
    for (String t : texts) {
      records.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return await(store.append(s, records, plan, now()));
  }

  private static List<String> texts(List<BufferedRecord> records) {
    return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  private List<Scheduler.Item> claim(long at) {
    return await(store.flushes().claim(at, 10, "test", at + 30_000));
  }

  private List<String> texts(DeliveryStreamRecord s) {
    return await(store.read(s, null, 1000)).stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aCreatedStreamIsFoundAsStoredAndItsNameIsTaken() {
    DeliveryStreamRecord s = created("orders");

    Optional<DeliveryStreamRecord> found = await(store.find(s.id(), now()));
    Optional<DeliveryStreamRecord> again = await(store.create(stream("orders"), now()));

    assertEquals(Optional.of(s), found.map(f -> f));
    assertEquals(s.destinations().getFirst().config(), found.orElseThrow().destinations().getFirst().config());
    assertEquals(List.of("team", "env"), List.copyOf(found.orElseThrow().tags().keySet()));
    assertTrue(again.isPresent());
    assertEquals(Optional.empty(), await(store.find(new DeliveryStreamId(REGION, ACCOUNT, "other"), now())));
  }

  @Test
  void streamsAreListedByNamePerAccountAndRegion() {
    created("b");
    created("a");
    await(store.create(new DeliveryStreamRecord(new DeliveryStreamId(REGION, "111111111111", "c"), "DirectPut",
        now(), now(), 1, now(), List.of(), null, null, null, Map.of(), 0, null), now()));

    assertEquals(List.of("a", "b"), await(store.list(REGION, ACCOUNT, now())).stream().map(s -> s.id().name()).toList());
    assertEquals(List.of(), await(store.list("eu-west-1", ACCOUNT, now())));
  }

  @Test
  void aReplaceTakesEffectOnlyOnTheRevisionItWasMadeFrom() {
    DeliveryStreamRecord s = created("orders");
    DeliveryStreamRecord tagged = s.withTags(Map.of("x", "1"));
    DeliveryStreamRecord other = s.withTags(Map.of("y", "2"));

    boolean first = await(store.replace(s, tagged, now()));
    boolean stale = await(store.replace(s, other, now()));

    assertTrue(first);
    assertFalse(stale);
    assertEquals(Map.of("x", "1"), await(store.find(s.id(), now())).orElseThrow().tags());
    assertEquals(1, await(store.find(s.id(), now())).orElseThrow().revision());
  }

  @Test
  void recordsAreBufferedInOrderWithGrowingIdsEvenWhenTheClockGoesBack() {
    DeliveryStreamRecord s = created("orders");

    List<String> first = append(s, "a", "b");
    clock.advanceMillis(-1000);
    List<String> second = append(s, "c");
    clock.advanceMillis(2000);
    List<String> third = append(s, "d");
    List<BufferedRecord> all = await(store.read(s, null, 10));
    List<BufferedRecord> after = await(store.read(s, second.getFirst(), 10));

    List<String> ids = new ArrayList<>(first);
    ids.addAll(second);
    ids.addAll(third);
    assertEquals(ids, all.stream().map(BufferedRecord::recordId).toList());
    assertEquals(ids.stream().sorted().toList(), ids);
    assertEquals(4, ids.stream().distinct().count());
    assertEquals(List.of("a", "b", "c", "d"), texts(s));
    assertEquals(List.of("d"), after.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList());
    assertEquals(all.get(1).arrivalMillis(), all.get(2).arrivalMillis());
  }

  @Test
  void binaryDataIsKeptByteForByte() {
    DeliveryStreamRecord s = created("bytes");
    byte[] data = new byte[256];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }

    await(store.append(s, List.of(data, new byte[0]), LATER, now()));
    List<BufferedRecord> read = await(store.read(s, null, 10));

    assertArrayEquals(data, read.get(0).data());
    assertArrayEquals(new byte[0], read.get(1).data());
  }

  @Test
  void aDeletedStreamDropsItsRecordsRefusesAppendsAndFreesItsNameWhenGone() {
    DeliveryStreamRecord s = created("orders");
    append(s, "a");

    Optional<DeliveryStreamRecord> deleted = await(store.delete(s.id(), now() + 500, now()));
    List<String> appended = append(s, "b");
    boolean replaced = await(store.replace(s, s.withTags(Map.of()), now()));
    clock.advanceMillis(500);

    assertEquals("DELETING", deleted.orElseThrow().status(now() - 500));
    assertEquals(List.of(), appended);
    assertFalse(replaced);
    assertEquals(Optional.empty(), await(store.find(s.id(), now())));
    assertEquals(List.of(), await(store.list(REGION, ACCOUNT, now())));
    assertEquals(Optional.empty(), await(store.delete(s.id(), now() + 500, now())));
    DeliveryStreamRecord again = created("orders");
    assertEquals(List.of(), texts(again));
  }

  @Test
  void anAppendForAnEarlierGenerationOfTheNameStoresNothing() {
    DeliveryStreamRecord old = created("orders");
    await(store.delete(old.id(), now(), now()));
    clock.advanceMillis(10);
    DeliveryStreamRecord current = created("orders");

    List<String> appended = append(old, "stale");

    assertEquals(List.of(), appended);
    assertEquals(List.of(), texts(current));
  }

  @Test
  void concurrentAppendsAreEachStoredWhole() {
    DeliveryStreamRecord s = created("orders");

    List<CompletionStage<Appended>> puts = IntStream.range(0, 20)
        .mapToObj(i -> store.append(s, List.of(("p" + i + "a").getBytes(StandardCharsets.UTF_8),
            ("p" + i + "b").getBytes(StandardCharsets.UTF_8)), LATER, now()))
        .toList();
    CompletableFuture.allOf(puts.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
        .join();
    List<String> texts = texts(s);

    assertEquals(40, texts.size());
    for (int i = 0; i < texts.size(); i += 2) {
      String a = texts.get(i);
      assertEquals(a.substring(0, a.length() - 1) + "b", texts.get(i + 1));
    }
  }

  // ---- flushes ---------------------------------------------------------------------------------

  @Test
  void anAppendSchedulesOneFlushDueTheIntervalAfterTheFirstRecord() {
    DeliveryStreamRecord s = created("orders");
    long first = now();
    append(s, "a");
    clock.advanceMillis(10_000);
    append(s, "b");

    List<Scheduler.Item> early = claim(first + 59_999);
    List<Scheduler.Item> due = claim(first + 60_000);

    assertEquals(List.of(), early);
    assertEquals(1, due.size());
    assertEquals(DESTINATION, due.get(0).id());
    assertEquals(DeliveryStreamStore.flushPartition(s.id()), due.get(0).partition());
    assertEquals(Long.toString(s.createdMillis()), new String(due.get(0).payload(), StandardCharsets.UTF_8));
  }

  @Test
  void aFlushDueAtOnceIsTakenByTheAppendersHolderOnlyWhileNoneHoldsIt() {
    DeliveryStreamRecord s = created("orders");

    Appended first = appendWith(s, heldBy("node-a/1", 0), "a");
    Appended second = appendWith(s, heldBy("node-b/1", 0), "b");
    List<Scheduler.Item> claimed = claim(now());

    assertTrue(first.flushTaken());
    assertFalse(second.flushTaken());
    assertEquals(List.of(), claimed);
  }

  @Test
  void aBufferReachingItsSizeMakesItsFlushDueAtOnce() {
    DeliveryStreamRecord s = created("orders");
    append(s, "small");

    Appended full = appendWith(s, heldBy("node-a/1", 60_000), "x".repeat(1024));

    assertTrue(full.flushTaken());
  }

  @Test
  void theSizeCountsTheDataOfRecordsNotHowTheyAreKept() {
    StoredRecords kept = new StoredRecords(new Sealer(new byte[32]));
    DeliveryStreamRecord plain = created("plain");
    DeliveryStreamRecord sealed = created("sealed");
    String key = StoredRecords.keyId(null);

    // 1,023 bytes of data (stored in 1,024 and more) do not fill a 1 KiB buffer; one byte more does.
    Appended plainShort = await(store.append(plain, List.of(kept.store(new byte[1023], null)),
        heldBy("node-a/1", 60_000), now()));
    Appended sealedShort = await(store.append(sealed, List.of(kept.store(new byte[1023], key)),
        heldBy("node-a/1", 60_000), now()));
    Appended plainFull = await(store.append(plain, List.of(kept.store(new byte[1], null)),
        heldBy("node-a/1", 60_000), now()));
    Appended sealedFull = await(store.append(sealed, List.of(kept.store(new byte[1], key)),
        heldBy("node-a/1", 60_000), now()));

    DeliveryStreamRecord kinesis = created("kinesis");
    var metadata = new io.sluice.firehose.model.KinesisRecordMetadata("shardId-000000000000", "k", 1L, "1", "");
    Appended kinesisShort = await(store.append(kinesis, List.of(kept.storeFromKinesis(new byte[1023], metadata)),
        heldBy("node-a/1", 60_000), now()));
    Appended kinesisFull = await(store.append(kinesis, List.of(kept.storeFromKinesis(new byte[1], metadata)),
        heldBy("node-a/1", 60_000), now()));

    assertFalse(plainShort.flushTaken());
    assertFalse(sealedShort.flushTaken());
    assertFalse(kinesisShort.flushTaken());
    assertTrue(plainFull.flushTaken());
    assertTrue(sealedFull.flushTaken());
    assertTrue(kinesisFull.flushTaken());
    // A flush takes up to 1 KiB of data: 1,023 and 1 bytes, however they are kept.
    assertEquals(2, await(store.pending(plain, DESTINATION, 10, 1024)).size());
    assertEquals(2, await(store.pending(sealed, DESTINATION, 10, 1024)).size());
  }

  @Test
  void pendingRecordsStopBeforeTheSizeWouldBePassed() {
    DeliveryStreamRecord s = created("orders");
    append(s, "a".repeat(600), "b".repeat(600), "c");

    List<BufferedRecord> first = await(store.pending(s, DESTINATION, 10, 1024));
    List<BufferedRecord> counted = await(store.pending(s, DESTINATION, 2, 1_000_000));
    List<BufferedRecord> oneAtLeast = await(store.pending(s, DESTINATION, 10, 10));

    assertEquals(1, first.size());
    assertEquals(2, counted.size());
    assertEquals(1, oneAtLeast.size());
  }

  @Test
  void aFlushMovesTheCursorDropsWhatWasDeliveredAndSchedulesWhatArrivedMeanwhile() {
    DeliveryStreamRecord s = created("orders");
    FlushPlan plan = heldBy("node-a/1", 60_000);
    append(s, "a", "b");
    String holder = claim(now() + 60_000).get(0).holder();
    clock.advanceMillis(60_000);
    List<BufferedRecord> batch = await(store.pending(s, DESTINATION, 10, 1024));
    append(s, "c");
    long cArrival = now();

    NextFlush next = await(store.flushed(s, new FlushPlan(DESTINATION, 60_000, 1024, holder, now() + 30_000),
        batch.get(1).recordId(), 2, now()));

    assertEquals(NextFlush.LATER, next);
    assertEquals(List.of("c"), texts(await(store.pending(s, DESTINATION, 10, 1024))));
    assertEquals(List.of("c"), texts(await(store.read(s, null, 10))));
    assertEquals(List.of(), claim(cArrival + 59_999));
    assertEquals(1, claim(cArrival + 60_000).size());
    assertEquals(plan.destinationId(), DESTINATION);
  }

  @Test
  void aFlushThatLeavesRecordsDueAtOnceKeepsHoldingIt() {
    DeliveryStreamRecord s = created("orders");
    FlushPlan plan = heldBy("node-a/1", 0);
    appendWith(s, plan, "a");
    appendWith(s, heldBy("node-b/1", 0), "b");
    List<BufferedRecord> first = await(store.pending(s, DESTINATION, 1, 1024));

    NextFlush next = await(store.flushed(s, plan, first.get(0).recordId(), 1, now()));
    NextFlush last = await(store.flushed(s, plan, await(store.pending(s, DESTINATION, 10, 1024)).get(0).recordId(), 1,
        now()));

    assertEquals(NextFlush.NOW, next);
    assertEquals(NextFlush.NONE, last);
    assertEquals(List.of(), claim(now() + 3_600_000));
  }

  @Test
  void aFlushWhoseLeaseWasTakenOverChangesNothing() {
    DeliveryStreamRecord s = created("orders");
    appendWith(s, heldBy("node-a/1", 0), "a");
    List<BufferedRecord> batch = await(store.pending(s, DESTINATION, 10, 1024));
    List<Scheduler.Item> takenOver = claim(now() + 30_000);

    NextFlush next = await(store.flushed(s, heldBy("node-a/1", 0), batch.get(0).recordId(), 1, now()));

    assertEquals(1, takenOver.size());
    assertEquals(NextFlush.LOST, next);
    assertEquals(List.of("a"), texts(await(store.pending(s, DESTINATION, 10, 1024))));
  }

  @Test
  void aDeletedStreamHasNoFlushes() {
    DeliveryStreamRecord s = created("orders");
    append(s, "a");

    await(store.delete(s.id(), now() + 500, now()));
    NextFlush next = await(store.flushed(s, heldBy("node-a/1", 0), null, 0, now()));

    assertEquals(List.of(), claim(now() + 3_600_000));
    assertEquals(NextFlush.GONE, next);
  }

  private static List<byte[]> bytes(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private Optional<Appended> fromSource(DeliveryStreamRecord s, String shard, SourceCheckpoint expected,
                                        SourceCheckpoint checkpoint, String... texts) {
    return await(store.appendFromSource(s, shard, expected, checkpoint, bytes(texts), LATER, now()));
  }

  @Test
  void recordsFromASourceShardAreBufferedWithTheirCheckpointInOneStepAndScheduleTheFlush() {
    DeliveryStreamRecord s = created("source");
    SourceCheckpoint first = new SourceCheckpoint("4000001", false);
    SourceCheckpoint second = new SourceCheckpoint("4000003", true);
    SourceCheckpoint empty = new SourceCheckpoint(null, true);

    Optional<Appended> a = fromSource(s, "shardId-000000000000", SourceCheckpoint.NONE, first, "a", "b");
    Optional<Appended> b = fromSource(s, "shardId-000000000000", first, second, "c");
    Optional<Appended> other = fromSource(s, "shardId-000000000001", SourceCheckpoint.NONE, empty);
    append(s, "direct");

    assertEquals(2, a.orElseThrow().recordIds().size());
    assertEquals(1, b.orElseThrow().recordIds().size());
    assertEquals(List.of(), other.orElseThrow().recordIds());
    assertEquals(List.of("a", "b", "c", "direct"), texts(s));
    assertEquals(Map.of("shardId-000000000000", second, "shardId-000000000001", empty), await(store.checkpoints(s)));
    assertEquals(1, claim(now() + 60_000).size());
  }

  @Test
  void aSourceAppendFromACheckpointThatMovedStoresNothing() {
    DeliveryStreamRecord s = created("source");
    SourceCheckpoint moved = new SourceCheckpoint("4000002", false);
    fromSource(s, "shardId-000000000000", SourceCheckpoint.NONE, moved, "a");

    Optional<Appended> stale = fromSource(s, "shardId-000000000000", SourceCheckpoint.NONE,
        new SourceCheckpoint("4000001", false), "a-again");
    Optional<Appended> wrongSequence = fromSource(s, "shardId-000000000000", new SourceCheckpoint("4000001", false),
        new SourceCheckpoint("4000009", false), "x");

    assertEquals(Optional.empty(), stale);
    assertEquals(Optional.empty(), wrongSequence);
    assertEquals(List.of("a"), texts(s));
    assertEquals(Map.of("shardId-000000000000", moved), await(store.checkpoints(s)));
  }

  @Test
  void aCheckpointAloneMovesWithoutSchedulingAFlush() {
    DeliveryStreamRecord s = created("source");
    SourceCheckpoint ended = new SourceCheckpoint(null, true);

    Optional<Appended> moved = fromSource(s, "shardId-000000000000", SourceCheckpoint.NONE, ended);

    assertEquals(List.of(), moved.orElseThrow().recordIds());
    assertEquals(Map.of("shardId-000000000000", ended), await(store.checkpoints(s)));
    assertEquals(List.of(), claim(now() + 3_600_000));
  }

  @Test
  void aSourceAppendToADeletedOrRecreatedStreamStoresNothingAndTheNewGenerationStartsWithoutCheckpoints() {
    DeliveryStreamRecord old = created("source");
    fromSource(old, "shardId-000000000000", SourceCheckpoint.NONE, new SourceCheckpoint("4000001", false), "a");
    await(store.delete(old.id(), now() + 500, now()));

    Optional<Appended> deleting = fromSource(old, "shardId-000000000000", new SourceCheckpoint("4000001", false),
        new SourceCheckpoint("4000002", false), "b");
    clock.advanceMillis(600);
    DeliveryStreamRecord current = created("source");
    Optional<Appended> stale = fromSource(old, "shardId-000000000000", SourceCheckpoint.NONE,
        new SourceCheckpoint("4000003", false), "c");

    assertEquals(Optional.empty(), deleting);
    assertEquals(Optional.empty(), stale);
    assertEquals(Map.of(), await(store.checkpoints(current)));
    assertEquals(Map.of(), await(store.checkpoints(old)));
    assertEquals(List.of(), texts(current));
  }
}

package io.sluice.kinesis.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.model.Commitment;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.time.ManualClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link StreamStore}: every engine extends this class and must pass every
 * test. Time is a {@link ManualClock} passed as {@code now}; nothing sleeps. Subclasses give a store
 * without streams before each test.
 */
public abstract class StreamStoreContract {
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  protected static final long HOUR = 3_600_000;

  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected StreamStore store;

  protected abstract StreamStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  protected long now() {
    return clock.millis();
  }

  protected StreamRecord stream(String name, int shards) {
    return new StreamRecord(new StreamId(REGION, ACCOUNT, name), now(), now() + 500, shards, StreamMode.PROVISIONED,
        24, Map.of("team", "a"), null);
  }

  protected StreamRecord created(String name, int shards) {
    StreamRecord s = stream(name, shards);
    assertEquals(Optional.empty(), await(store.create(s, now())));
    return s;
  }

  protected List<Position> append(StreamRecord s, int shard, String... texts) {
    return await(store.append(s, shard, java.util.Arrays.stream(texts)
        .map(t -> new NewRecord("pk-" + t, t.getBytes(StandardCharsets.UTF_8))).toList(), now()));
  }

  protected List<String> read(StreamRecord s, int shard, Position from, int limit) {
    return await(store.read(s, shard, from, limit, now())).stream()
        .map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aCreatedStreamIsFoundAsStoredAndItsNameCannotBeTakenAgain() {
    StreamRecord s = created("orders", 2);

    Optional<StreamRecord> again = await(store.create(stream("orders", 5), now()));

    assertEquals(Optional.of(s), again);
    assertEquals(Optional.of(s), await(store.find(s.id(), now())));
    assertEquals(StreamStatus.CREATING, s.status(now()));
  }

  @Test
  void streamsAreListedByNameInTheirRegionAndAccountOnly() {
    created("b", 1);
    created("a", 1);
    await(store.create(new StreamRecord(new StreamId(REGION, "111122223333", "c"), now(), now(), 1,
        StreamMode.PROVISIONED, 24, Map.of(), null), now()));
    await(store.create(new StreamRecord(new StreamId("eu-west-1", ACCOUNT, "d"), now(), now(), 1,
        StreamMode.ON_DEMAND, 24, Map.of(), null), now()));

    List<StreamRecord> listed = await(store.list(REGION, ACCOUNT, now()));

    assertEquals(List.of("a", "b"), listed.stream().map(s -> s.id().name()).toList());
  }

  @Test
  void aDeletedStreamIsDeletingUntilItsTimeThenGoneAndItsNameFree() {
    StreamRecord s = created("orders", 1);
    append(s, 0, "old");

    Optional<StreamRecord> deleting = await(store.delete(s.id(), now() + 500, now()));
    List<StreamRecord> listedWhileDeleting = await(store.list(REGION, ACCOUNT, now()));
    clock.advanceMillis(500);
    Optional<StreamRecord> after = await(store.find(s.id(), now()));
    List<StreamRecord> listedAfter = await(store.list(REGION, ACCOUNT, now()));
    StreamRecord again = created("orders", 1);

    assertEquals(StreamStatus.DELETING, deleting.orElseThrow().status(now()));
    assertEquals(1, listedWhileDeleting.size());
    assertEquals(Optional.empty(), after);
    assertEquals(List.of(), listedAfter);
    assertEquals(Optional.empty(), await(store.delete(new StreamId(REGION, ACCOUNT, "none"), now(), now())));
    assertEquals(List.of(), read(again, 0, Position.START, 10));
  }

  private StreamChange.Outcome change(StreamRecord s, StreamChange change) {
    return await(store.change(s.id(), s.createdMillis(), change, now()));
  }

  @Test
  void aChangeAppliesToAnActiveStreamOfItsGenerationOnly() {
    StreamRecord s = created("orders", 1);
    StreamChange.Outcome creating = change(s, StreamChange.retention(48, true));
    clock.advanceMillis(500);

    StreamChange.Outcome changed = change(s, StreamChange.retention(48, true));
    StreamChange.Outcome otherGeneration = await(store.change(s.id(), s.createdMillis() + 1,
        StreamChange.retention(72, true), now()));
    await(store.delete(s.id(), now() + 500, now()));
    StreamChange.Outcome deleting = change(s, StreamChange.retention(96, true));
    clock.advanceMillis(500);
    StreamChange.Outcome gone = change(s, StreamChange.retention(96, true));

    assertEquals(StreamChange.Status.NOT_ACTIVE, creating.status());
    assertEquals(24, creating.stream().retentionHours());
    assertEquals(StreamChange.Status.APPLIED, changed.status());
    assertEquals(48, changed.stream().retentionHours());
    assertEquals(StreamChange.Status.NOT_FOUND, otherGeneration.status());
    assertEquals(StreamChange.Status.NOT_ACTIVE, deleting.status());
    assertEquals(48, deleting.stream().retentionHours());
    assertEquals(StreamChange.Status.NOT_FOUND, gone.status());
  }

  @Test
  void retentionGrowsOnlyByIncreasesAndShrinksOnlyByDecreases() {
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);
    change(s, StreamChange.retention(100, true));

    StreamChange.Outcome shorter = change(s, StreamChange.retention(50, true));
    StreamChange.Outcome longer = change(s, StreamChange.retention(200, false));
    StreamChange.Outcome same = change(s, StreamChange.retention(100, false));
    StreamChange.Outcome decreased = change(s, StreamChange.retention(24, false));

    assertEquals(StreamChange.Status.RETENTION_SHORTER, shorter.status());
    assertEquals(100, shorter.stream().retentionHours());
    assertEquals(StreamChange.Status.RETENTION_LONGER, longer.status());
    assertEquals(StreamChange.Status.APPLIED, same.status());
    assertEquals(24, decreased.stream().retentionHours());
    assertEquals(24, await(store.find(s.id(), now())).orElseThrow().retentionHours());
  }

  @Test
  void tagsAreAddedAndRemovedWithinTheirLimitAndSurviveTheStoreAsGiven() {
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);

    StreamChange.Outcome added = change(s, StreamChange.ofTags(MapEdit.putting(Map.of("x", "1", "a", "", "team", "b"))
        .limitedTo(3)));
    StreamChange.Outcome over = change(s, StreamChange.ofTags(MapEdit.putting(Map.of("y", "2")).limitedTo(3)));
    StreamChange.Outcome removed = change(s, StreamChange.ofTags(MapEdit.removing(List.of("x", "none"))));

    assertEquals(Map.of("x", "1", "a", "", "team", "b"), added.stream().tags());
    assertEquals(StreamChange.Status.TOO_MANY_TAGS, over.status());
    assertEquals(Map.of("x", "1", "a", "", "team", "b"), over.stream().tags());
    assertEquals(Map.of("a", "", "team", "b"), removed.stream().tags());
    assertEquals(Map.of("a", "", "team", "b"), await(store.find(s.id(), now())).orElseThrow().tags());
    assertEquals(Map.of(), change(s, StreamChange.ofTags(MapEdit.removing(List.of("a", "team")))).stream().tags());
  }

  @Test
  void settingsAndTheModeAreEditedAndAStreamUpdatingRefusesChangesUntilItsTime() {
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);

    StreamChange.Outcome set = change(s, StreamChange.ofSettings(MapEdit.putting(Map.of(StreamRecord.METRIC + "a",
        "", StreamRecord.UPDATING_UNTIL, Long.toString(now() + 500)))).withMode(StreamMode.ON_DEMAND));
    StreamChange.Outcome whileUpdating = change(s, StreamChange.retention(48, true));
    clock.advanceMillis(500);
    StreamChange.Outcome removed = change(s, StreamChange.ofSettings(MapEdit.removing(List.of(StreamRecord.METRIC
        + "a"))));

    assertEquals(StreamStatus.UPDATING, set.stream().status(now() - 500));
    assertEquals(StreamMode.ON_DEMAND, set.stream().mode());
    assertEquals(List.of("a"), set.stream().shardLevelMetrics());
    assertEquals(StreamChange.Status.NOT_ACTIVE, whileUpdating.status());
    assertEquals(StreamChange.Status.APPLIED, removed.status());
    StreamRecord stored = await(store.find(s.id(), now())).orElseThrow();
    assertEquals(List.of(), stored.shardLevelMetrics());
    assertEquals(StreamStatus.ACTIVE, stored.status(now()));
    assertEquals(StreamMode.ON_DEMAND, stored.mode());
    assertEquals(stored, removed.stream());
  }

  @Test
  void concurrentChangesOfDifferentTagsAllHold() {
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);
    List<CompletableFuture<StreamChange.Outcome>> changes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      changes.add(store.change(s.id(), s.createdMillis(), StreamChange.ofTags(MapEdit.putting(Map.of("k" + i, "v"))
          .limitedTo(10)), now()).toCompletableFuture());
    }

    long applied = changes.stream().map(c -> await(c).status()).filter(st -> st == StreamChange.Status.APPLIED)
        .count();

    assertEquals(9, applied);
    assertEquals(10, await(store.find(s.id(), now())).orElseThrow().tags().size());
  }

  @Test
  void appendedRecordsAreNumberedWithinTheirMillisecondAndNeverGoBack() {
    StreamRecord s = created("orders", 2);

    List<Position> first = append(s, 0, "a", "b");
    List<Position> second = append(s, 0, "c");
    clock.advanceMillis(-100);
    List<Position> back = append(s, 0, "d");
    clock.advanceMillis(200);
    List<Position> later = append(s, 0, "e");

    assertEquals(List.of(Position.at(now() - 100, 0), Position.at(now() - 100, 1)), first);
    assertEquals(List.of(Position.at(now() - 100, 2)), second);
    assertEquals(List.of(Position.at(now() - 100, 3)), back);
    assertEquals(List.of(Position.at(now(), 0)), later);
    assertEquals(List.of(), read(s, 1, Position.START, 10));
  }

  @Test
  void readsStartAtOrAfterAPositionUpToTheLimit() {
    StreamRecord s = created("orders", 1);
    List<Position> stored = append(s, 0, "a", "b", "c", "d");
    Position b = stored.get(1);

    assertEquals(List.of("a", "b", "c", "d"), read(s, 0, Position.START, 10));
    assertEquals(List.of("b", "c"), read(s, 0, b, 2));
    assertEquals(List.of("c", "d"), read(s, 0, Position.after(b.millis(), b.seq()), 10));
    List<StoredRecord> records = await(store.read(s, 0, Position.START, 1, now()));
    assertEquals("pk-a", records.get(0).partitionKey());
    assertEquals(now(), records.get(0).millis());
    assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), records.get(0).data());
  }

  @Test
  void theLastPositionIsTheNewestRecordsOrNone() {
    StreamRecord s = created("orders", 1);
    Optional<Position> empty = await(store.last(s, 0, now()));

    List<Position> stored = append(s, 0, "a", "b");

    assertEquals(Optional.empty(), empty);
    assertEquals(Optional.of(stored.get(1)), await(store.last(s, 0, now())));
  }

  @Test
  void recordsPastRetentionAreGone() {
    StreamRecord s = created("orders", 1);
    append(s, 0, "old");
    clock.advanceMillis(23 * HOUR);
    append(s, 0, "new");
    clock.advanceMillis(HOUR + 1);

    assertEquals(List.of("new"), read(s, 0, Position.START, 10));
    clock.advanceMillis(23 * HOUR);
    assertEquals(List.of(), read(s, 0, Position.START, 10));
    assertEquals(Optional.empty(), await(store.last(s, 0, now())));
  }

  @Test
  void aSealedRecordIsReadBackMarkedSealed() {
    StreamRecord s = created("orders", 1);

    await(store.append(s, 0, List.of(new NewRecord("k", new byte[] {1, 2}, true), new NewRecord("k", new byte[] {3})),
        now()));
    List<StoredRecord> read = await(store.read(s, 0, Position.START, 10, now()));

    assertEquals(List.of(true, false), read.stream().map(StoredRecord::sealed).toList());
    assertArrayEquals(new byte[] {1, 2}, read.get(0).data());
  }

  @Test
  void aCommitmentRunsAtLeastADayAndEnablingItAgainCancelsAnEndNotYetReached() {
    Commitment none = await(store.commitment(REGION, ACCOUNT, null, now()));
    long start = now();
    Commitment enabled = await(store.commitment(REGION, ACCOUNT, true, now()));
    clock.advanceMillis(HOUR);
    Commitment ending = await(store.commitment(REGION, ACCOUNT, false, now()));
    Commitment resumed = await(store.commitment(REGION, ACCOUNT, true, now()));
    await(store.commitment(REGION, ACCOUNT, false, now()));
    clock.advanceMillis(23 * HOUR);
    Commitment ended = await(store.commitment(REGION, ACCOUNT, null, now()));
    Commitment again = await(store.commitment(REGION, ACCOUNT, true, now()));
    Commitment otherAccount = await(store.commitment(REGION, "111122223333", null, now()));

    assertEquals(Commitment.NONE, none);
    assertEquals(new Commitment(start, start + 24 * HOUR, null), enabled);
    assertEquals(new Commitment(start, start + 24 * HOUR, start + 24 * HOUR), ending);
    assertEquals("ENABLED_UNTIL_EARLIEST_ALLOWED_END", ending.status(start + HOUR));
    assertEquals(new Commitment(start, start + 24 * HOUR, null), resumed);
    assertEquals("DISABLED", ended.status(now()));
    assertEquals(new Commitment(now(), now() + 24 * HOUR, null), again);
    assertEquals(Commitment.NONE, otherAccount);
  }

  /** Splits shard {@code parent} of {@code s} in two halves at {@code now}, UPDATING for 500 ms. */
  protected Reshard split(StreamRecord s, int parent, boolean scaling) {
    Shard p = s.shards().get(parent);
    BigInteger middle = p.startingHashKey().add(p.endingHashKey()).shiftRight(1);
    int next = s.shards().size();
    return new Reshard(List.of(parent), List.of(
        new Shard(next, p.startingHashKey(), middle, new SequenceNumber(next, now(), 0, s.createdMillis()), parent, -1,
            null, null),
        new Shard(next + 1, middle.add(BigInteger.ONE), p.endingHashKey(),
            new SequenceNumber(next + 1, now(), 0, s.createdMillis()), parent, -1, null, null)),
        now() + 500, scaling, 2, HOUR);
  }

  private StreamChange.Outcome reshard(StreamRecord s, Reshard reshard) {
    return await(store.reshard(s.id(), s.createdMillis(), reshard, now()));
  }

  @Test
  void aReshardClosesItsParentsAndAddsItsChildrenThenSealsTheParentsInTheirOwnSteps() {
    // Given an ACTIVE stream of one shard with a record
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);
    List<Position> stored = append(s, 0, "a");

    // When it is split, its parent sealed (twice: a redo answers the same end) and the end recorded
    StreamChange.Outcome split = reshard(s, split(s, 0, false));
    clock.advanceMillis(10);
    long ending = await(store.seal(split.stream(), 0, now()));
    long again = await(store.seal(split.stream(), 0, now() + 5));
    StreamChange.Outcome sealed = await(store.sealed(s.id(), s.createdMillis(), Map.of(0, ending), now()));
    StreamChange.Outcome resealed = await(store.sealed(s.id(), s.createdMillis(), Map.of(0, ending + 1), now()));

    // Then the parent was closed and sealing, then sealed at its end; the children are open; the
    // stream was UPDATING; the store answers what it stored
    assertEquals(StreamChange.Status.APPLIED, split.status());
    assertEquals(StreamStatus.UPDATING, split.stream().status(now()));
    Shard parent = split.stream().shards().get(0);
    assertTrue(parent.sealing());
    assertEquals(now() - 10, parent.closedMillis());
    assertEquals(List.of(true, true), split.stream().shards().subList(1, 3).stream().map(Shard::open).toList());
    assertEquals(List.of(0, 0), split.stream().shards().subList(1, 3).stream().map(Shard::parent).toList());
    assertEquals(now(), ending);
    assertTrue(ending >= stored.getFirst().millis());
    assertEquals(ending, again);
    assertEquals(ending, sealed.stream().shards().get(0).endingMillis());
    assertEquals(ending, resealed.stream().shards().get(0).endingMillis());
    assertEquals(Optional.of(sealed.stream()), await(store.find(s.id(), now())));
    assertEquals(List.of(split.stream().shards().get(1), split.stream().shards().get(2)),
        sealed.stream().openShards());
    clock.advanceMillis(500);
    assertEquals(StreamStatus.ACTIVE, await(store.find(s.id(), now())).orElseThrow().status(now()));
  }

  @Test
  void aPutRacingAReshardIsStoredBeforeTheSealAndRefusedAfterItNeverAfterTheEnd() {
    // Given a put that read the stream before it was split
    StreamRecord before = created("orders", 1);
    clock.advanceMillis(500);
    append(before, 0, "a");
    StreamRecord after = reshard(before, split(before, 0, false)).stream();

    // When it appends to the parent between the reshard and the seal, and again after the seal
    List<Position> racing = append(before, 0, "racing");
    long ending = await(store.seal(after, 0, now()));
    clock.advanceMillis(5);
    List<Position> late = append(before, 0, "late");
    List<Position> child = append(after, 1, "child");

    // Then the first is stored in the parent before its end, the second is refused (nothing
    // stored) and goes to a child; the parent ends with what it acknowledged
    assertEquals(1, racing.size());
    assertTrue(racing.getFirst().millis() <= ending);
    assertEquals(List.of(), late);
    assertEquals(1, child.size());
    assertEquals(List.of("a", "racing"), read(after, 0, Position.START, 10));
    assertEquals(List.of("child"), read(after, 1, Position.START, 10));
  }

  @Test
  void aReshardIsRefusedOnAClosedShardAfterAnotherReshardWhileUpdatingAndForAnotherGeneration() {
    StreamRecord s = created("orders", 2);
    StreamChange.Outcome creating = reshard(s, split(s, 0, false));
    clock.advanceMillis(500);
    Reshard first = split(s, 0, false);
    StreamChange.Outcome otherGeneration = await(store.reshard(s.id(), s.createdMillis() + 1, first, now()));
    StreamChange.Outcome applied = reshard(s, first);
    StreamChange.Outcome updating = reshard(s, split(s, 1, false));
    clock.advanceMillis(500);
    StreamChange.Outcome closed = reshard(s, split(applied.stream(), 0, false));
    StreamChange.Outcome stale = reshard(s, split(s, 1, false));

    assertEquals(StreamChange.Status.NOT_ACTIVE, creating.status());
    assertEquals(StreamChange.Status.NOT_FOUND, otherGeneration.status());
    assertEquals(StreamChange.Status.APPLIED, applied.status());
    assertEquals(StreamChange.Status.NOT_ACTIVE, updating.status());
    assertEquals(StreamChange.Status.SHARD_CLOSED, closed.status());
    assertEquals(StreamChange.Status.RESHARDED, stale.status());
    assertEquals(4, await(store.find(s.id(), now())).orElseThrow().shards().size());
  }

  @Test
  void scalingsAreLimitedPerWindowInTheReshardStep() {
    StreamRecord s = created("orders", 1);
    clock.advanceMillis(500);
    List<StreamChange.Status> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      StreamRecord current = await(store.find(s.id(), now())).orElseThrow();
      Shard open = current.openShards().getFirst();
      statuses.add(reshard(current, split(current, open.index(), true)).status());
      clock.advanceMillis(500);
    }
    clock.advanceMillis(HOUR);
    StreamRecord current = await(store.find(s.id(), now())).orElseThrow();
    StreamChange.Status later = reshard(current, split(current, current.openShards().getFirst().index(), true))
        .status();

    assertEquals(List.of(StreamChange.Status.APPLIED, StreamChange.Status.APPLIED,
        StreamChange.Status.TOO_MANY_SCALINGS), statuses);
    assertEquals(StreamChange.Status.APPLIED, later);
  }

  @Test
  void binaryDataIsKeptByteForByte() {
    StreamRecord s = created("orders", 1);
    byte[] data = new byte[256];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }

    await(store.append(s, 0, List.of(new NewRecord("k", data)), now()));

    assertArrayEquals(data, await(store.read(s, 0, Position.START, 1, now())).get(0).data());
    assertTrue(await(store.read(s, 0, Position.START, 1, now())).get(0).partitionKey().equals("k"));
  }
}

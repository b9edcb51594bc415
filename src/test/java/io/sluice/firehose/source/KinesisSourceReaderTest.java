package io.sluice.firehose.source;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.firehose.source.KinesisSourceReader.Outcome;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.storage.Sealer;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kinesis source read into a delivery stream's buffer, against a fake Kinesis and the in-memory store. */
class KinesisSourceReaderTest {
  private static final long POLL = 1000;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final InMemoryDeliveryStreamStore store = new InMemoryDeliveryStreamStore();
  private final FakeKinesis kinesis = new FakeKinesis(clock::millis, 2);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StoredRecords stored = new StoredRecords(new Sealer(new byte[32]));

  private DeliveryStreamRecord created(String name) {
    ObjectNode source = FirehoseModel.object().put("KinesisStreamARN", FakeKinesis.ARN)
        .put("RoleARN", "arn:aws:iam::000000000000:role/r");
    DeliveryStreamRecord s = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", name),
        "KinesisStreamAsSource", clock.millis(), clock.millis() + 500, 1, clock.millis(), List.of(), source, null,
        null, Map.of(), 0, null);
    await(store.create(s, clock.millis()));
    return s;
  }

  /** Appends under a plan whose flush is due a minute later and left for a claim: the records stay buffered. */
  private final SourceFlushes later = new SourceFlushes() {
    @Override
    public FlushPlan plan(DeliveryStreamRecord stream) {
      return new FlushPlan("destinationId-000000000001", 60_000, 1 << 20, null, 0);
    }

    @Override
    public void taken(DeliveryStreamRecord stream, FlushPlan plan) {
      throw new AssertionError("a flush left for a claim was taken");
    }
  };

  private KinesisSourceReader reader(DeliveryStreamRecord s) {
    return new KinesisSourceReader(store, later, stored, kinesis, new SourceMetrics(registry), s.id(),
        s.createdMillis(), POLL);
  }

  private Outcome poll(KinesisSourceReader reader) {
    Outcome outcome = await(reader.poll(clock.millis()));
    clock.advanceMillis(POLL);
    return outcome;
  }

  private List<String> buffered(DeliveryStreamRecord s) {
    return await(store.read(s, null, 10_000)).stream()
        .map(r -> new String(stored.open(r.data()), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aNewSourceStartsWithTheRecordsPutFromTheDeliveryStreamsCreationOn() {
    kinesis.put(0, "before");
    clock.advanceMillis(1);
    DeliveryStreamRecord s = created("d");
    kinesis.put(0, "after-0");
    kinesis.put(1, "after-1");
    clock.advanceMillis(5_000);

    Outcome outcome = poll(reader(s));

    assertEquals(Outcome.READ, outcome);
    assertEquals(List.of("after-0", "after-1"), buffered(s));
  }

  @Test
  void eachPollReadsEachShardOnceAndEveryRecordIsBufferedOnceWithItsCheckpoint() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    kinesis.put(0, "a1");
    poll(reader);
    String last = kinesis.put(0, "a2");
    kinesis.put(1, "b1");
    poll(reader);
    poll(reader);

    assertEquals(List.of("a1", "a2", "b1"), buffered(s));
    assertEquals(6, kinesis.calls("GetRecords"));
    assertEquals(2, kinesis.calls("GetShardIterator"));
    assertEquals(new SourceCheckpoint(last, false), await(store.checkpoints(s)).get(FakeKinesis.shardId(0)));
  }

  @Test
  void anotherReaderOfTheSameSourceContinuesAfterTheStoredCheckpoint() {
    DeliveryStreamRecord s = created("d");
    kinesis.put(0, "a1");
    poll(reader(s));
    kinesis.put(0, "a2");

    poll(reader(s));
    poll(reader(s));

    assertEquals(List.of("a1", "a2"), buffered(s));
  }

  @Test
  void aSplitShardsChildrenAreReadOnlyOnceTheParentWasReadToItsEnd() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    kinesis.put(0, "k-1");
    poll(reader);
    kinesis.put(0, "k-2");
    kinesis.throttle(0, true);
    int[] children = kinesis.split(0);
    kinesis.put(children[0], "k-3");
    kinesis.put(children[1], "j-1");

    poll(reader);
    List<String> whileParentThrottled = buffered(s);
    kinesis.throttle(0, false);
    clock.advanceMillis(KinesisSourceReader.MAX_BACKOFF_MILLIS);
    poll(reader);

    assertEquals(List.of("k-1"), whileParentThrottled);
    assertEquals(List.of("k-1", "k-2", "k-3", "j-1"), buffered(s));
    assertTrue(await(store.checkpoints(s)).get(FakeKinesis.shardId(0)).ended());
  }

  @Test
  void aMergedChildWaitsForBothParents() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    kinesis.put(0, "a");
    kinesis.put(1, "b");
    int child = kinesis.merge(0, 1);
    kinesis.put(child, "c");
    kinesis.throttle(1, true);

    poll(reader);
    List<String> oneParentRead = buffered(s);
    kinesis.throttle(1, false);
    clock.advanceMillis(KinesisSourceReader.MAX_BACKOFF_MILLIS);
    poll(reader);

    assertEquals(List.of("a"), oneParentRead);
    assertEquals(List.of("a", "b", "c"), buffered(s));
  }

  @Test
  void aThrottledShardBacksOffDoublingFromThePollIntervalWhileOthersGoOn() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    kinesis.throttle(0, true);
    for (int i = 0; i < 8; i++) {
      kinesis.put(1, "b" + i);
      poll(reader);
    }

    // Throttled at t=0 (back off 2 s), t=2 (4 s), t=6 (8 s): three calls to shard 0 in 8 polls.
    assertEquals(8 + 3, kinesis.calls("GetRecords"));
    assertEquals(8, buffered(s).size());
    assertEquals(3.0, registry.counter("firehose.ThrottledGetRecords", "stream", "d").count());
    assertEquals(8.0, registry.counter("firehose.DataReadFromKinesisStream.Records", "stream", "d").count());
    assertEquals(16.0, registry.counter("firehose.DataReadFromKinesisStream.Bytes", "stream", "d").count());
  }

  @Test
  void anExpiredIteratorIsReplacedFromTheCheckpoint() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    kinesis.put(0, "a1");
    poll(reader);
    kinesis.expireIterators();
    kinesis.put(0, "a2");

    poll(reader);
    poll(reader);

    assertEquals(List.of("a1", "a2"), buffered(s));
  }

  @Test
  void theReaderOfADeletedOrReplacedStreamIsGoneAndOneOfAStreamNotStoredYetWaits() {
    DeliveryStreamRecord s = created("d");
    DeliveryStreamRecord pending = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", "p"),
        s.type(), clock.millis(), clock.millis(), 1, clock.millis(), List.of(), s.source(), null, null, Map.of(), 0,
        null);
    KinesisSourceReader waiting = reader(pending);
    await(store.delete(s.id(), clock.millis() + 500, clock.millis()));

    Outcome deleted = poll(reader(s));
    Outcome notStoredYet = poll(waiting);
    clock.advanceMillis(KinesisSourceReader.ORPHAN_MILLIS);
    Outcome neverStored = poll(waiting);

    assertEquals(Outcome.GONE, deleted);
    assertEquals(Outcome.READ, notStoredYet);
    assertEquals(Outcome.GONE, neverStored);
  }

  @Test
  void aDeletedKinesisStreamIsPolledAgainWithoutBufferingAnything() {
    DeliveryStreamRecord s = created("d");
    kinesis.delete();

    Outcome outcome = poll(reader(s));

    assertEquals(Outcome.READ, outcome);
    assertEquals(List.of(), buffered(s));
  }

  @Test
  void recordsTheKplAggregatedAreBufferedAsTheirUserRecords() throws Exception {
    DeliveryStreamRecord s = created("d");
    kinesis.put(0, "plain-1");
    kinesis.put(0, KplAggregatesTest.aggregate("user-1", "user-2", "user-3"));
    kinesis.put(0, "plain-2");

    poll(reader(s));

    assertEquals(List.of("plain-1", "user-1", "user-2", "user-3", "plain-2"), buffered(s));
  }

  @Test
  void aBacklogIsReadInBatchesOfAThousandUpToFiveCallsAPoll() {
    DeliveryStreamRecord s = created("d");
    KinesisSourceReader reader = reader(s);
    for (int i = 0; i < 5_500; i++) {
      kinesis.put(0, "r" + i);
    }

    poll(reader);
    int afterFirstPoll = buffered(s).size();
    int callsInFirstPoll = kinesis.calls("GetRecords");
    poll(reader);

    // Five full batches of shard 0 (the fifth call stops the round for it), one empty call of shard 1.
    assertEquals(5 * KinesisSourceReader.RECORDS_PER_CALL, afterFirstPoll);
    assertEquals(KinesisSourceReader.CALLS_PER_POLL + 1, callsInFirstPoll);
    assertEquals(5_500, buffered(s).size());
    assertEquals("r5499", buffered(s).getLast());
  }
}

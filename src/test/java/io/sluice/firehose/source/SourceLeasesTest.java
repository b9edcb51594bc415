package io.sluice.firehose.source;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.delivery.FlushListener;
import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.delivery.RecordingDelivery;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.delivery.Unprocessed;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.storage.Sealer;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two nodes' {@link SourceLeases} over one scheduler and store: one reads a source at a time. */
class SourceLeasesTest {
  private static final long POLL = 1000;
  private static final long LEASE = 10_000;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final ManualTimers timers = new ManualTimers(clock);
  private final InMemoryDeliveryStreamStore store = new InMemoryDeliveryStreamStore();
  private final InMemoryScheduler scheduler = new InMemoryScheduler();
  private final FakeKinesis kinesis = new FakeKinesis(clock::millis, 1);
  private final KinesisSources sources = new KinesisSources(kinesis, scheduler);

  /** The destination of every stream here: an S3 bucket buffering for 60 s. */
  private final RecordingDelivery s3 = new RecordingDelivery(Set.of("ExtendedS3"));
  private final StoredRecords stored = new StoredRecords(new Sealer(new byte[32]));
  private final Flusher flusher = new Flusher(store, List.of(s3), new Unprocessed(), null, clock, timers,
      FirehoseConfig.DEFAULTS.flush(), FlushListener.NONE, stored);

  private SourceLeases node(String name) {
    return new SourceLeases(scheduler, clock, timers, POLL, LEASE, name, item -> new KinesisSourceReader(store,
        SourceFlushes.of(flusher), stored, kinesis, SourceMeters.NONE, SourceLeases.streamOf(item),
        SourceLeases.generationOf(item), POLL));
  }

  private DeliveryStreamRecord created(String name) {
    ObjectNode source = FirehoseModel.object().put("KinesisStreamARN", FakeKinesis.ARN);
    ObjectNode config = FirehoseModel.object().put("BucketARN", "arn:aws:s3:::b");
    config.putObject("BufferingHints").put("IntervalInSeconds", 60);
    DeliveryStreamRecord s = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", name),
        "KinesisStreamAsSource", clock.millis(), clock.millis() + 500, 1, clock.millis(),
        List.of(new Destination("destinationId-000000000001", "ExtendedS3", config)), source, null, null, Map.of(), 0,
        null);
    await(sources.register(s, clock.millis()));
    await(store.create(s, clock.millis()));
    return s;
  }

  private List<String> buffered(DeliveryStreamRecord s) {
    return await(store.read(s, null, 10_000)).stream()
        .map(r -> new String(stored.open(r.data()), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aSourceIsReadByTheOneNodeThatClaimedItOnceItIsActive() {
    SourceLeases a = node("a");
    SourceLeases b = node("b");
    a.start();
    b.start();
    DeliveryStreamRecord s = created("d");
    kinesis.put(0, "r1");

    clock.advanceMillis(5 * POLL);
    kinesis.put(0, "r2");
    clock.advanceMillis(2 * POLL);

    assertEquals(1, a.reading() + b.reading());
    assertEquals(List.of("r1", "r2"), buffered(s));
    // One node read: one GetRecords per poll from the poll after its claim on.
    assertEquals(kinesis.calls("GetRecords"), kinesis.calls("ListShards"));
  }

  @Test
  void whenTheReadingNodeStopsRenewingAnotherTakesTheSourceOverAfterTheLeaseFromTheCheckpoint() {
    SourceLeases a = node("a");
    SourceLeases b = node("b");
    DeliveryStreamRecord s = created("d");
    clock.advanceMillis(POLL);
    await(a.poll());
    kinesis.put(0, "r1");
    await(a.poll());

    // a dies: it polls no more. b finds the source held until a's lease ends.
    kinesis.put(0, "r2");
    await(b.poll());
    int beforeLeaseEnds = b.reading();
    clock.advanceMillis(LEASE);
    await(b.poll());
    await(b.poll());
    await(a.poll());

    assertEquals(0, beforeLeaseEnds);
    assertEquals(1, b.reading());
    assertEquals(0, a.reading());
    assertEquals(List.of("r1", "r2"), buffered(s));
  }

  @Test
  void aStoppedNodeHandsItsSourcesBackAtOnce() {
    SourceLeases a = node("a");
    SourceLeases b = node("b");
    created("d");
    clock.advanceMillis(POLL);
    await(a.poll());

    await(a.stop());
    await(b.poll());

    assertEquals(0, a.reading());
    assertEquals(1, b.reading());
  }

  @Test
  void theSourceOfADeletedStreamIsCompleted() {
    SourceLeases a = node("a");
    DeliveryStreamRecord s = created("d");
    clock.advanceMillis(POLL);
    await(a.poll());
    await(store.delete(s.id(), clock.millis() + 500, clock.millis()));

    await(a.poll());

    assertEquals(0, a.reading());
    assertEquals(List.of(), await(scheduler.claim(clock.millis() + LEASE * 10, 10, "x", clock.millis() + LEASE * 11)));
  }

  @Test
  void recordsReadAcrossASplitAreDeliveredOnceInOrderPerKeyByTheFlush() {
    SourceLeases a = node("a");
    flusher.start();
    a.start();
    DeliveryStreamRecord s = created("d");
    kinesis.put(0, "k-1");
    clock.advanceMillis(3 * POLL);
    kinesis.put(0, "k-2");
    int[] children = kinesis.split(0);
    kinesis.put(children[0], "k-3");
    kinesis.put(children[1], "j-1");
    clock.advanceMillis(3 * POLL);
    kinesis.put(children[0], "k-4");

    clock.advanceMillis(70_000);

    assertEquals(List.of("k-1", "k-2", "k-3", "j-1", "k-4"), s3.delivered());
    assertEquals(List.of(), buffered(s));
  }
}

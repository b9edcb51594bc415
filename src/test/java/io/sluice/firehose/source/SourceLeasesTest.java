package io.sluice.firehose.source;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

  private SourceLeases node(String name) {
    return new SourceLeases(scheduler, clock, timers, POLL, LEASE, name, item -> new KinesisSourceReader(store, kinesis,
        SourceLeases.streamOf(item), SourceLeases.generationOf(item), POLL));
  }

  private DeliveryStreamRecord created(String name) {
    ObjectNode source = FirehoseModel.object().put("KinesisStreamARN", FakeKinesis.ARN);
    DeliveryStreamRecord s = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", name),
        "KinesisStreamAsSource", clock.millis(), clock.millis() + 500, 1, clock.millis(), List.of(), source, null,
        null, Map.of(), 0, null);
    await(sources.register(s, clock.millis()));
    await(store.create(s, clock.millis()));
    return s;
  }

  private List<String> buffered(DeliveryStreamRecord s) {
    return await(store.read(s, null, 10_000)).stream().map(r -> new String(r.data(), StandardCharsets.UTF_8))
        .toList();
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
}

package io.sluice.kinesis.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.store.ConsumerStore.Registered;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ConsumerStore}: every engine extends this class and must pass every
 * test. Time is a {@link ManualClock} passed as {@code now}; nothing sleeps.
 */
public abstract class ConsumerStoreContract {
  private static final StreamId STREAM = new StreamId("us-east-1", "000000000000", "orders");
  private static final long GENERATION = 1_600_000_000_000L;

  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected ConsumerStore store;

  protected abstract ConsumerStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  private ConsumerRecord consumer(String name) {
    return new ConsumerRecord(STREAM, GENERATION, name, clock.millis(), clock.millis() + 500, null);
  }

  private Registered register(String name, int limit) {
    return await(store.register(consumer(name), limit, clock.millis()));
  }

  @Test
  void aRegisteredConsumerIsFoundAndListedByName() {
    assertEquals(Registered.STORED, register("b", 20));
    assertEquals(Registered.STORED, register("a", 20));

    assertEquals(Optional.of(consumer("a")), await(store.find(STREAM, GENERATION, "a", clock.millis())));
    assertEquals(List.of("a", "b"), await(store.list(STREAM, GENERATION, clock.millis())).stream()
        .map(ConsumerRecord::name).toList());
    assertEquals(List.of(), await(store.list(STREAM, GENERATION + 1, clock.millis())));
  }

  @Test
  void aNameIsRegisteredOnceAndNoMoreThanTheLimit() {
    assertEquals(Registered.STORED, register("a", 2));
    assertEquals(Registered.NAME_IN_USE, register("a", 2));
    assertEquals(Registered.STORED, register("b", 2));
    assertEquals(Registered.LIMIT_REACHED, register("c", 2));
  }

  @Test
  void aDeregisteredConsumerIsDeletingUntilItIsGoneAndItsNameFree() {
    register("a", 1);
    long gone = clock.millis() + 500;

    ConsumerRecord deleting = await(store.deregister(STREAM, GENERATION, "a", gone, clock.millis())).orElseThrow();
    Registered whileDeleting = register("b", 1);
    ConsumerRecord again = await(store.deregister(STREAM, GENERATION, "a", gone + 999, clock.millis())).orElseThrow();
    clock.advanceMillis(500);

    assertEquals("DELETING", deleting.status(clock.millis()));
    assertEquals(gone, again.goneMillis());
    assertEquals(Registered.LIMIT_REACHED, whileDeleting);
    assertEquals(Optional.empty(), await(store.find(STREAM, GENERATION, "a", clock.millis())));
    assertEquals(Optional.empty(), await(store.deregister(STREAM, GENERATION, "a", gone, clock.millis())));
    assertEquals(Registered.STORED, register("a", 1));
  }

  @Test
  void aSubscriptionIsRefusedForAWhileThenTakenOver() {
    long now = clock.millis();

    boolean first = await(store.subscribe("arn:c", 0, "one", 5_000, 300_000, now));
    boolean tooSoon = await(store.subscribe("arn:c", 0, "two", 5_000, 300_000, now + 4_999));
    boolean otherShard = await(store.subscribe("arn:c", 1, "three", 5_000, 300_000, now));
    Optional<String> before = await(store.subscription("arn:c", 0, now + 4_999));
    boolean takenOver = await(store.subscribe("arn:c", 0, "four", 5_000, 300_000, now + 5_000));

    assertTrue(first);
    assertFalse(tooSoon);
    assertTrue(otherShard);
    assertEquals(Optional.of("one"), before);
    assertTrue(takenOver);
    assertEquals(Optional.of("four"), await(store.subscription("arn:c", 0, now + 5_000)));
    assertEquals(Optional.of("three"), await(store.subscription("arn:c", 1, now + 5_000)));
    assertEquals(Optional.empty(), await(store.subscription("arn:c", 0, now + 305_000)));
    assertEquals(Optional.empty(), await(store.subscription("arn:d", 0, now)));
  }
}

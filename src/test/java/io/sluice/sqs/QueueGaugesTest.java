package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.InMemoryQueueStore;
import io.sluice.sqs.store.QueueStore.NewMessage;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.SendOptions;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-queue gauges mirror the store's counts after each refresh, and vanish with their queue. */
class QueueGaugesTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final QueueGauges gauges = new QueueGauges(registry, store, clock);
  private final QueueId orders = new QueueId("us-east-1", "000000000000", "orders");

  private void create(QueueId id) {
    store.createQueue(new QueueRecord(id, Map.of(), Map.of(), clock.millis(), clock.millis(), 1), clock.millis())
        .toCompletableFuture().join();
  }

  private void send(QueueId id, String messageId, long delayMillis) {
    store.send(id, List.of(new NewMessage(messageId, new byte[] {1}, null, null, delayMillis)),
        new SendOptions(false, false), clock.millis()).toCompletableFuture().join();
  }

  private Double gauge(String name, QueueId id) {
    Gauge g = registry.find("sqs." + name).tags("queue", id.name(), "account", id.account(), "region", id.region())
        .gauge();
    return g == null ? null : g.value();
  }

  private void refresh() {
    gauges.refresh().toCompletableFuture().join();
  }

  @Test
  void gaugesReportVisibleInFlightDelayedAndAgeOfOldest() {
    // Given a queue with three messages sent 90 s ago, one of them received and one delayed for 15 min
    create(orders);
    send(orders, "m1", 0);
    send(orders, "m2", 0);
    send(orders, "m3", 900_000);
    store.receive(orders, new ReceiveOptions(1, 600_000, 1000, null, null), clock.millis()).toCompletableFuture().join();
    clock.advanceSeconds(90);

    // When the gauges are refreshed
    refresh();

    // Then they show the counts and the oldest message's age in seconds
    assertEquals(1.0, gauge("ApproximateNumberOfMessagesVisible", orders));
    assertEquals(1.0, gauge("ApproximateNumberOfMessagesNotVisible", orders));
    assertEquals(1.0, gauge("ApproximateNumberOfMessagesDelayed", orders));
    assertEquals(90.0, gauge("ApproximateAgeOfOldestMessage", orders));
  }

  @Test
  void emptyQueueHasZeroAge() {
    create(orders);
    refresh();
    assertEquals(0.0, gauge("ApproximateAgeOfOldestMessage", orders));
    assertEquals(0.0, gauge("ApproximateNumberOfMessagesVisible", orders));
  }

  @Test
  void valuesChangeOnlyWithARefresh() {
    create(orders);
    refresh();
    send(orders, "m1", 0);
    assertEquals(0.0, gauge("ApproximateNumberOfMessagesVisible", orders));
    refresh();
    assertEquals(1.0, gauge("ApproximateNumberOfMessagesVisible", orders));
  }

  @Test
  void deletedQueuesGaugesAreRemoved() {
    // Given gauges for two queues
    QueueId other = new QueueId("eu-west-1", "111122223333", "orders");
    create(orders);
    create(other);
    refresh();
    assertEquals(2, gauges.queues());

    // When one queue is deleted and the gauges refreshed
    store.deleteQueue(orders, clock.millis()).toCompletableFuture().join();
    refresh();

    // Then only the other queue's gauges remain
    assertNull(gauge("ApproximateNumberOfMessagesVisible", orders));
    assertEquals(0.0, gauge("ApproximateNumberOfMessagesVisible", other));
    assertEquals(1, gauges.queues());
    assertEquals(4, registry.find("sqs.ApproximateNumberOfMessagesVisible").gauges().size()
        + registry.find("sqs.ApproximateNumberOfMessagesNotVisible").gauges().size()
        + registry.find("sqs.ApproximateNumberOfMessagesDelayed").gauges().size()
        + registry.find("sqs.ApproximateAgeOfOldestMessage").gauges().size());
  }

  @Test
  void closeRemovesEveryGauge() {
    create(orders);
    refresh();
    gauges.close();
    assertEquals(0, registry.getMeters().size());
  }
}

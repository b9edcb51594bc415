package io.sluice.sqs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.sqs.store.QueueStore;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-queue gauges named after SQS's CloudWatch metrics: {@code sqs.ApproximateNumberOfMessagesVisible},
 * {@code sqs.ApproximateNumberOfMessagesNotVisible}, {@code sqs.ApproximateNumberOfMessagesDelayed} and
 * {@code sqs.ApproximateAgeOfOldestMessage} (seconds), tagged with the queue's name, account and
 * region.
 *
 * <p>Scrapes never touch the store: {@link #refresh()} reads every queue's counts (asynchronously,
 * a few queues at a time) and stores the values the gauges report. Gauges of queues that no longer
 * exist are removed by the next refresh. A refresh requested while one is running is skipped.
 */
public final class QueueGauges {
  private static final int CONCURRENT_READS = 16;

  private final MeterRegistry registry;
  private final QueueStore store;
  private final InstantSource clock;
  private final Map<QueueId, QueueMeters> meters = new ConcurrentHashMap<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();

  public QueueGauges(MeterRegistry registry, QueueStore store, InstantSource clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
  }

  /** The last values read for one queue. */
  private final class QueueMeters {
    volatile double visible;
    volatile double notVisible;
    volatile double delayed;
    volatile double ageSeconds;
    final List<Gauge> gauges;

    QueueMeters(QueueId id) {
      Tags tags = Tags.of("queue", id.name(), "account", id.account(), "region", id.region());
      gauges = List.of(
          Gauge.builder("sqs.ApproximateNumberOfMessagesVisible", this, m -> m.visible).tags(tags)
              .description("Messages available for retrieval").register(registry),
          Gauge.builder("sqs.ApproximateNumberOfMessagesNotVisible", this, m -> m.notVisible).tags(tags)
              .description("Messages in flight: received, not yet deleted or visible again").register(registry),
          Gauge.builder("sqs.ApproximateNumberOfMessagesDelayed", this, m -> m.delayed).tags(tags)
              .description("Messages delayed and not yet available").register(registry),
          Gauge.builder("sqs.ApproximateAgeOfOldestMessage", this, m -> m.ageSeconds).tags(tags)
              .baseUnit("seconds").description("Age of the oldest message in the queue").register(registry));
    }

    void set(QueueCounts counts, long now) {
      visible = counts.visible();
      notVisible = counts.inFlight();
      delayed = counts.delayed();
      ageSeconds = counts.oldestSentTimestamp() == Long.MAX_VALUE ? 0
          : Math.max(0, now - counts.oldestSentTimestamp()) / 1000.0;
    }

    void remove() {
      gauges.forEach(registry::remove);
    }
  }

  /**
   * Re-reads every queue's counts; completes when all gauges are up to date (or at once, if a
   * refresh is already running). A queue that vanishes mid-way is dropped; other failures leave the
   * previous values.
   */
  public CompletionStage<Void> refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.allQueues().thenCompose(ids -> {
      Set<QueueId> present = new HashSet<>(ids);
      for (QueueId gone : Set.copyOf(meters.keySet())) {
        if (!present.contains(gone)) {
          drop(gone);
        }
      }
      return readAll(ids, 0);
    }).whenComplete((v, t) -> {
      refreshing.set(false);
      done.complete(null);
    });
    return done;
  }

  /** Number of queues that currently have gauges. */
  public int queues() {
    return meters.size();
  }

  /** Removes every gauge (at shutdown). */
  public void close() {
    Set.copyOf(meters.keySet()).forEach(this::drop);
  }

  private CompletionStage<Void> readAll(List<QueueId> ids, int from) {
    if (from >= ids.size()) {
      return CompletableFuture.completedFuture(null);
    }
    int to = Math.min(ids.size(), from + CONCURRENT_READS);
    long now = clock.millis();
    CompletableFuture<?>[] reads = new CompletableFuture<?>[to - from];
    for (int i = from; i < to; i++) {
      QueueId id = ids.get(i);
      reads[i - from] = store.counts(id, now).handle((counts, failure) -> {
        if (failure == null) {
          meters.computeIfAbsent(id, QueueMeters::new).set(counts, now);
        } else if (isGone(failure)) {
          drop(id);
        }
        return null;
      }).toCompletableFuture();
    }
    return CompletableFuture.allOf(reads).thenCompose(v -> readAll(ids, to));
  }

  private void drop(QueueId id) {
    QueueMeters m = meters.remove(id);
    if (m != null) {
      m.remove();
    }
  }

  private static boolean isGone(Throwable failure) {
    Throwable t = failure;
    while (t != null) {
      if (t instanceof io.sluice.sqs.store.QueueGoneException) {
        return true;
      }
      t = t.getCause();
    }
    return false;
  }
}

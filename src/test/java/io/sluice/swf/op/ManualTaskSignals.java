package io.sluice.swf.op;

import io.sluice.storage.waiters.Signals;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Task-list {@link Signals} moved by hand: announcements wake waits at once, and a wait whose time is
 * up ends only when the test calls {@link #fireDue} after moving the clock.
 */
final class ManualTaskSignals implements Signals<String> {
  private record Wait(String list, long deadline, CompletableFuture<Boolean> done) {}

  private final ManualClock clock;
  private final Map<String, Long> epochs = new HashMap<>();
  private final List<Wait> waits = new ArrayList<>();

  ManualTaskSignals(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized long epoch(String list) {
    return epochs.getOrDefault(list, 0L);
  }

  @Override
  public CompletionStage<Boolean> await(String list, long sinceEpoch, long maxWaitMillis) {
    synchronized (this) {
      if (epoch(list) == sinceEpoch) {
        Wait w = new Wait(list, monotonicMillis() + maxWaitMillis, new CompletableFuture<>());
        waits.add(w);
        return w.done();
      }
    }
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public void announce(String list) {
    List<Wait> woken = new ArrayList<>();
    synchronized (this) {
      epochs.merge(list, 1L, Long::sum);
      waits.removeIf(w -> w.list().equals(list) && woken.add(w));
    }
    woken.forEach(w -> w.done().complete(true));
  }

  /** Ends the waits whose time is up at the clock's time. */
  void fireDue() {
    List<Wait> due = new ArrayList<>();
    synchronized (this) {
      waits.removeIf(w -> w.deadline() <= monotonicMillis() && due.add(w));
    }
    due.forEach(w -> w.done().complete(true));
  }

  synchronized int waiting() {
    return waits.size();
  }

  @Override
  public long monotonicMillis() {
    return clock.millis();
  }
}

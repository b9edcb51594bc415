package io.sluice.testing;

import io.sluice.storage.waiters.Signals;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Signals} keyed by text (a key, a task list), moved by hand: announcements wake waits at once, and a wait whose time is
 * up ends only when the test calls {@link #fireDue} after moving the clock.
 */
public class ManualSignals implements Signals<String> {
  private record Wait(String key, long deadline, CompletableFuture<Boolean> done) {}

  private final ManualClock clock;
  private final Map<String, Long> epochs = new HashMap<>();
  private final List<Wait> waits = new ArrayList<>();

  public ManualSignals(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized long epoch(String key) {
    return epochs.getOrDefault(key, 0L);
  }

  @Override
  public CompletionStage<Boolean> await(String key, long sinceEpoch, long maxWaitMillis) {
    synchronized (this) {
      if (epoch(key) == sinceEpoch) {
        Wait w = new Wait(key, monotonicMillis() + maxWaitMillis, new CompletableFuture<>());
        waits.add(w);
        return w.done();
      }
    }
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public void announce(String key) {
    List<Wait> woken = new ArrayList<>();
    synchronized (this) {
      epochs.merge(key, 1L, Long::sum);
      waits.removeIf(w -> w.key().equals(key) && woken.add(w));
    }
    woken.forEach(w -> w.done().complete(true));
  }

  /** Ends the waits whose time is up at the clock's time. */
  public void fireDue() {
    List<Wait> due = new ArrayList<>();
    synchronized (this) {
      waits.removeIf(w -> w.deadline() <= monotonicMillis() && due.add(w));
    }
    due.forEach(w -> w.done().complete(true));
  }

  public synchronized int waiting() {
    return waits.size();
  }

  @Override
  public long monotonicMillis() {
    return clock.millis();
  }
}

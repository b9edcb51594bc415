package io.sluice.time;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Timers} on a {@link ManualClock}: a timer falls due when the test moves the clock to or past
 * its time, and fires then, on the test's thread, before {@link ManualClock#advanceMillis} returns.
 * Due timers fire in the order of their times (then of their setting), the clock stopping at each
 * timer's time while it fires; a periodic one fires once for every period the move passed. A timer
 * set with no delay waits for the next move. Thread-safe: nodes set timers from their event loops.
 */
public final class ManualTimers implements Timers {
  private static final Logger LOG = Logger.getLogger(ManualTimers.class.getName());

  /** One timer; {@code period} 0 for a one-shot. */
  private final class Pending implements Timer {
    final long sequence;
    final long period;
    final Runnable action;
    long dueAt;

    Pending(long sequence, long dueAt, long period, Runnable action) {
      this.sequence = sequence;
      this.dueAt = dueAt;
      this.period = period;
      this.action = action;
    }

    @Override
    public void cancel() {
      synchronized (ManualTimers.this) {
        pending.remove(this);
      }
    }
  }

  private final ManualClock clock;
  private final TreeSet<Pending> pending = new TreeSet<>(Comparator.<Pending>comparingLong(p -> p.dueAt)
      .thenComparingLong(p -> p.sequence));
  private long sequence;

  public ManualTimers(ManualClock clock) {
    this.clock = clock;
    clock.onAdvance(this::fireDue);
  }

  public ManualClock clock() {
    return clock;
  }

  @Override
  public Timer once(long delayMillis, Runnable action) {
    return add(delayMillis, 0, action);
  }

  @Override
  public Timer every(long periodMillis, Runnable action) {
    return add(periodMillis, Math.max(1, periodMillis), action);
  }

  private synchronized Timer add(long delayMillis, long period, Runnable action) {
    Pending p = new Pending(sequence++, clock.millis() + Math.max(0, delayMillis), period, action);
    pending.add(p);
    notifyAll();
    return p;
  }

  /** The due times of the one-shot timers not fired yet, earliest first. */
  public synchronized List<Long> oneShots() {
    return pending.stream().filter(p -> p.period == 0).map(p -> p.dueAt).toList();
  }

  /**
   * Waits (in real time, up to {@code timeout}) until a one-shot timer is pending that falls due at
   * {@code dueAt} (epoch millis of the manual clock): for a test to learn that the code under test
   * set the timer it expects before moving the clock.
   */
  public void awaitOneShotAt(long dueAt, Duration timeout) {
    awaitOneShot(at -> at == dueAt, "at " + dueAt, timeout);
  }

  /** Like {@link #awaitOneShotAt}, for any one-shot timer whose due time passes {@code which}. */
  public synchronized void awaitOneShot(Predicate<Long> which, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.stream().noneMatch(p -> p.period == 0 && which.test(p.dueAt))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no timer " + what + " was set within " + timeout + "; pending: " + oneShots()
            + " (now " + clock.millis() + ")");
      }
      try {
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private void fireDue(long target) {
    while (true) {
      Pending next;
      synchronized (this) {
        next = pending.isEmpty() ? null : pending.first();
        if (next == null || next.dueAt > target) {
          return;
        }
        pending.remove(next);
        clock.stopAt(next.dueAt);
        if (next.period > 0) {
          next.dueAt += next.period;
          pending.add(next);
        }
      }
      try {
        next.action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a timer's action failed", e);
      }
    }
  }
}

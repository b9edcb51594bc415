package io.sluice.time;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A clock tests move by hand. What listens to it (its {@link ManualTimers}) hears of every move
 * before the move ends, and may stop the clock on the way at the times where something falls due.
 */
public final class ManualClock implements InstantSource {
  private final AtomicLong millis;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

  public ManualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  public ManualClock() {
    this(1_700_000_000_000L);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  /**
   * Moves the clock on by {@code delta}: the listeners hear of the time moved to, on the calling
   * thread, and may stop the clock on the way ({@link #stopAt}); then it shows that time.
   */
  public void advanceMillis(long delta) {
    long target = millis.get() + delta;
    listeners.forEach(l -> l.accept(target));
    millis.set(target);
  }

  public void advanceSeconds(long seconds) {
    advanceMillis(seconds * 1000);
  }

  /** Calls {@code listener} with the time moved to at every move. */
  public void onAdvance(LongConsumer listener) {
    listeners.add(listener);
  }

  /** During a move: shows {@code at} for now, if that is later than what the clock shows. */
  void stopAt(long at) {
    millis.accumulateAndGet(at, Math::max);
  }
}

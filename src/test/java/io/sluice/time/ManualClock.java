package io.sluice.time;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** A clock tests move by hand; what listens to it (e.g. {@link ManualTimers}) hears of every move. */
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

  /** Moves the clock on, then tells the listeners the new time, on the calling thread. */
  public void advanceMillis(long delta) {
    long now = millis.addAndGet(delta);
    listeners.forEach(l -> l.accept(now));
  }

  public void advanceSeconds(long seconds) {
    advanceMillis(seconds * 1000);
  }

  /** Calls {@code listener} with the new time after every move. */
  public void onAdvance(LongConsumer listener) {
    listeners.add(listener);
  }
}

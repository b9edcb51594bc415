package io.sluice.time;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
public final class ManualClock implements InstantSource {
  private final AtomicLong millis;

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

  public void advanceMillis(long delta) {
    millis.addAndGet(delta);
  }

  public void advanceSeconds(long seconds) {
    advanceMillis(seconds * 1000);
  }
}

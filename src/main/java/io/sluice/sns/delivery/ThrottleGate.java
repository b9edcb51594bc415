package io.sluice.sns.delivery;

/**
 * Paces deliveries to one subscription to its throttle policy's {@code maxReceivesPerSecond}: a
 * token bucket holding one token that refills every {@code 1000 / maxReceivesPerSecond} ms, so no
 * one-second window ever sees more than {@code maxReceivesPerSecond} deliveries start (a larger
 * bucket would let a burst after an idle spell exceed the rate). Deliveries that must wait are not
 * dropped: SNS holds them until their turn ("Setting the Maximum Receive Rate").
 *
 * <p>Time is whatever clock the caller reads, in milliseconds; the gate never reads one. The n-th slot
 * after the gate last went idle starts {@code ceil(n * 1000 / rate)} ms after it, in exact integer
 * arithmetic. Not thread-safe: one owner (an event loop) per subscription.
 */
public final class ThrottleGate {
  private final int maxReceivesPerSecond;
  /** When the current run of back-to-back slots began. */
  private long origin = Long.MIN_VALUE;
  /** Slots handed out since {@link #origin}. */
  private long slots;

  /** @throws IllegalArgumentException if {@code maxReceivesPerSecond < 1} */
  public ThrottleGate(int maxReceivesPerSecond) {
    if (maxReceivesPerSecond < 1) {
      throw new IllegalArgumentException("maxReceivesPerSecond must be at least 1, not " + maxReceivesPerSecond);
    }
    this.maxReceivesPerSecond = maxReceivesPerSecond;
  }

  public int maxReceivesPerSecond() {
    return maxReceivesPerSecond;
  }

  /** The earliest time (ms) a delivery asked for at {@code nowMillis} may start; reserves nothing. */
  public long earliestStart(long nowMillis) {
    return Math.max(nowMillis, nextSlot());
  }

  /**
   * Reserves the next slot for a delivery asked for at {@code nowMillis} and returns when it may start
   * (ms): {@code nowMillis} itself if the gate is free, else the first free slot after the deliveries
   * already reserved.
   */
  public long reserve(long nowMillis) {
    if (nextSlot() <= nowMillis) {
      origin = nowMillis;
      slots = 0;
    }
    long start = nextSlot();
    slots++;
    return start;
  }

  private long nextSlot() {
    return origin + Math.ceilDiv(slots * 1000, maxReceivesPerSecond);
  }
}

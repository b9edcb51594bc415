package io.sluice.kinesis.model;

/**
 * An account's minimum throughput billing commitment (API reference,
 * MinimumThroughputBillingCommitmentInput): it lasts at least 24 hours; disabling it earlier
 * schedules its end for then, and enabling it again before that cancels the end.
 *
 * @param startedMillis  when it started, or null if it never did
 * @param earliestEndMillis when it may end at the earliest, or null
 * @param endedMillis    when it ended or is scheduled to end, or null while it runs on
 */
public record Commitment(Long startedMillis, Long earliestEndMillis, Long endedMillis) {
  /** The shortest commitment, 24 hours. */
  public static final long MINIMUM_MILLIS = 24 * 3_600_000L;
  /** No commitment ever made. */
  public static final Commitment NONE = new Commitment(null, null, null);

  /** ENABLED, DISABLED or ENABLED_UNTIL_EARLIEST_ALLOWED_END at {@code now}. */
  public String status(long now) {
    if (startedMillis == null || endedMillis != null && endedMillis <= now) {
      return "DISABLED";
    }
    return endedMillis == null ? "ENABLED" : "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
  }

  /**
   * The commitment after it is enabled or disabled at {@code now}: the rules that
   * {@code lua/kinesis/account.lua} applies on Redis.
   */
  public Commitment apply(boolean enable, long now) {
    boolean running = !status(now).equals("DISABLED");
    if (enable) {
      return running ? new Commitment(startedMillis, earliestEndMillis, null)
          : new Commitment(now, now + MINIMUM_MILLIS, null);
    }
    if (running && endedMillis == null) {
      return new Commitment(startedMillis, earliestEndMillis, Math.max(now, earliestEndMillis));
    }
    return this;
  }
}

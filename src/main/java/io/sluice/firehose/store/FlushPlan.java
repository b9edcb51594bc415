package io.sluice.firehose.store;

/**
 * How one destination's buffer is flushed, for the store's steps that schedule its flush: its
 * buffering hints (a flush is due {@code intervalMillis} after the first record it will deliver
 * arrived, or at once when {@code sizeBytes} are buffered, whichever comes first; interval 0: at
 * once) and who takes a flush due at once: {@code holder} (a {@code Scheduler} holder, or null to
 * leave it for a claim) under a lease until {@code leaseUntil}.
 */
public record FlushPlan(String destinationId, long intervalMillis, long sizeBytes, String holder, long leaseUntil) {

  /** This plan with a flush due at once taken by {@code newHolder} until {@code newLeaseUntil}. */
  public FlushPlan heldBy(String newHolder, long newLeaseUntil) {
    return new FlushPlan(destinationId, intervalMillis, sizeBytes, newHolder, newLeaseUntil);
  }
}

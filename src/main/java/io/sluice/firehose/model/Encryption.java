package io.sluice.firehose.model;

import java.util.List;

/**
 * Server-side encryption of a delivery stream: enabled or not since {@code changedMillis}, with the
 * key type ({@code AWS_OWNED_CMK} or {@code CUSTOMER_MANAGED_CMK}) and key ARN of the last start, and
 * the times of the Start/Stop calls of the last 24 hours (AWS allows 25). A change is
 * ENABLING/DISABLING for a delay, then ENABLED/DISABLED.
 */
public record Encryption(boolean enabled, String keyType, String keyArn, long changedMillis, List<Long> calls) {

  public Encryption {
    calls = List.copyOf(calls);
  }

  /** The status at {@code now}: ENABLING, ENABLED, DISABLING or DISABLED. */
  public String status(long now, long delayMillis) {
    boolean settled = now >= changedMillis + delayMillis;
    if (enabled) {
      return settled ? "ENABLED" : "ENABLING";
    }
    return settled ? "DISABLED" : "DISABLING";
  }
}

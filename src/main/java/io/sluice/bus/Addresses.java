package io.sluice.bus;

/**
 * The node's own event-bus addresses, named {@code sluice.<purpose>}. Each service names its own
 * addresses {@code <service>.<purpose>} in its package.
 */
public final class Addresses {
  private Addresses() {}

  /** Local request/reply: wipe every service's state (admin endpoint). */
  public static final String SLUICE_RESET = "sluice.reset";

  /** Cluster-wide publish after a reset: every node drops its caches. */
  public static final String SLUICE_RESET_DONE = "sluice.reset-done";
}

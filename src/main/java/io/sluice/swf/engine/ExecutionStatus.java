package io.sluice.swf.engine;

/**
 * A workflow execution's status: open, or closed in one of AWS's close statuses
 * ({@code CloseStatus}). A closed execution never moves again.
 */
public enum ExecutionStatus {
  OPEN, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT;

  /** The execution's transition table. */
  public static final Transitions<ExecutionStatus> TABLE = Transitions.of("workflow execution", ExecutionStatus.class)
      .allow(OPEN, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT);

  public boolean open() {
    return this == OPEN;
  }
}

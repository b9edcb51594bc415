package io.sluice.swf.engine;

/**
 * The state of a child workflow execution as its parent sees it: initiated (the parent's
 * StartChildWorkflowExecutionInitiated, the child not started yet), started (the parent's
 * ChildWorkflowExecutionStarted), then closed as the child closed (the parent's
 * {@code ChildWorkflowExecution<Completed|Failed|Canceled|TimedOut|Terminated>}), or start failed
 * (StartChildWorkflowExecutionFailed), when it leaves the parent's open children. A child that
 * continues as new stays started: its new run keeps the parent.
 */
public enum ChildWorkflowState {
  INITIATED, STARTED, START_FAILED, COMPLETED, FAILED, CANCELED, TIMED_OUT, TERMINATED;

  /** The child's transition table. */
  public static final Transitions<ChildWorkflowState> TABLE = Transitions.of("child workflow", ChildWorkflowState.class)
      .allow(INITIATED, STARTED, START_FAILED)
      .allow(STARTED, COMPLETED, FAILED, CANCELED, TIMED_OUT, TERMINATED);

  /** The child's state once its run closed as {@code status} (not continued as new). */
  public static ChildWorkflowState closedAs(ExecutionStatus status) {
    return switch (status) {
      case COMPLETED -> COMPLETED;
      case FAILED -> FAILED;
      case CANCELED -> CANCELED;
      case TIMED_OUT -> TIMED_OUT;
      case TERMINATED -> TERMINATED;
      default -> throw new IllegalStateException("not a closed child: " + status);
    };
  }
}

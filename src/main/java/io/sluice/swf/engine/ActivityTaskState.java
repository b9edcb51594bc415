package io.sluice.swf.engine;

/**
 * The state of an activity task: scheduled (waiting in its task list), started (handed to a
 * worker), then closed as completed, failed, canceled or timed out, when it leaves the execution's open tasks;
 * one cancelled before it started is canceled at once.
 */
public enum ActivityTaskState {
  SCHEDULED, STARTED, COMPLETED, FAILED, CANCELED, TIMED_OUT;

  /** The activity task's transition table. */
  public static final Transitions<ActivityTaskState> TABLE = Transitions.of("activity task", ActivityTaskState.class)
      .allow(SCHEDULED, STARTED, CANCELED, TIMED_OUT)
      .allow(STARTED, COMPLETED, FAILED, CANCELED, TIMED_OUT);
}

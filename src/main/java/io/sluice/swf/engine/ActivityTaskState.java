package io.sluice.swf.engine;

/**
 * The state of an activity task: scheduled (waiting in its task list), started (handed to a
 * worker), then closed as completed or failed, when it leaves the execution's open tasks.
 */
public enum ActivityTaskState {
  SCHEDULED, STARTED, COMPLETED, FAILED;

  /** The activity task's transition table. */
  public static final Transitions<ActivityTaskState> TABLE = Transitions.of("activity task", ActivityTaskState.class)
      .allow(SCHEDULED, STARTED)
      .allow(STARTED, COMPLETED, FAILED);
}

package io.sluice.swf.engine;

/**
 * The state of an execution's decision task: none, scheduled (waiting in its task list) or started
 * (handed to a decider). SWF allows one decision task at a time per execution (developer guide,
 * "Tasks"): events that arrive while one is started make the next one due when it completes.
 */
public enum DecisionTaskState {
  NONE, SCHEDULED, STARTED;

  /** The decision task's transition table (a completed task is NONE again). */
  public static final Transitions<DecisionTaskState> TABLE = Transitions.of("decision task", DecisionTaskState.class)
      .allow(NONE, SCHEDULED)
      .allow(SCHEDULED, STARTED, NONE)
      .allow(STARTED, NONE);
}

package io.sluice.swf.engine;

/**
 * The state of a Lambda task: scheduled (by a ScheduleLambdaFunction decision, waiting to be invoked),
 * started (invoked, its start-to-close timeout running), then closed as completed, failed or timed out;
 * or, if it could not be invoked at all, start-failed. A closed task leaves the execution's open ones.
 */
public enum LambdaFunctionState {
  SCHEDULED, STARTED, START_FAILED, COMPLETED, FAILED, TIMED_OUT;

  /** The Lambda task's transition table. */
  public static final Transitions<LambdaFunctionState> TABLE = Transitions.of("Lambda task", LambdaFunctionState.class)
      .allow(SCHEDULED, STARTED, START_FAILED)
      .allow(STARTED, COMPLETED, FAILED, TIMED_OUT);
}

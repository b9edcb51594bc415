package io.sluice.swf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.LambdaFunctionState;

/**
 * How a Lambda task ends, whichever way: it moves to {@code to} by its transition table, its event
 * ({@code LambdaFunction<Completed|Failed|TimedOut>} or {@code StartLambdaFunctionFailed}, with
 * {@code attributes}, which the caller filled after the eventIds) is appended, it leaves the
 * execution's open Lambda tasks and the decider is asked to decide.
 */
public final class LambdaResults {
  private LambdaResults() {}

  /** The attributes every ending event starts with: the task's scheduled and, once started, started eventIds. */
  public static ObjectNode attributes(Execution.Lambda lambda) {
    ObjectNode a = History.attributes();
    a.put("scheduledEventId", lambda.scheduledEventId);
    if (lambda.state == LambdaFunctionState.STARTED) {
      a.put("startedEventId", lambda.startedEventId);
    }
    return a;
  }

  public static void closed(History h, Execution.Lambda lambda, LambdaFunctionState to, ObjectNode attributes) {
    lambda.state = LambdaFunctionState.TABLE.move(lambda.state, to);
    h.append(switch (to) {
      case COMPLETED -> "LambdaFunctionCompleted";
      case FAILED -> "LambdaFunctionFailed";
      case TIMED_OUT -> "LambdaFunctionTimedOut";
      case START_FAILED -> "StartLambdaFunctionFailed";
      default -> throw new IllegalStateException("not a closed state: " + to);
    }, attributes);
    h.execution().lambdas.remove(lambda.id);
    h.decisionNeeded();
  }
}

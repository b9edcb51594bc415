package io.sluice.swf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.TaskToken;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What a worker's answer to a started activity task does, whichever it is: the task closes as
 * {@code to}, its event ({@code ActivityTask<Completed|Failed|Canceled>}, with the scheduled and started
 * eventIds) is appended, and the decider is asked to decide (a decision task scheduled, or made due
 * after the started one). A token whose task is not started under it in an open run is
 * UnknownResourceFault.
 */
public final class ActivityResults {
  private ActivityResults() {}

  public static CompletionStage<Void> close(SwfServices swf, RequestContext ctx, String taskToken,
                                            ActivityTaskState to, Consumer<ObjectNode> details) {
    TaskToken token = TaskToken.decode(taskToken, ctx.region(), ctx.account());
    return swf.histories().update(token.execution(), h -> {
      Execution.Activity a = startedUnder(h, token);
      a.state = ActivityTaskState.TABLE.move(a.state, to);
      ObjectNode attributes = History.attributes();
      details.accept(attributes);
      attributes.put("scheduledEventId", a.scheduledEventId);
      attributes.put("startedEventId", a.startedEventId);
      closed(h, a, to, attributes);
      return null;
    });
  }

  /** The activity task started under {@code token} in an open run; UnknownResourceFault if there is none. */
  public static Execution.Activity startedUnder(History h, TaskToken token) {
    Execution ex = h.execution();
    Execution.Activity a = ex.activityScheduledBy(token.scheduledEventId());
    if (!ex.status.open() || a == null || a.state != ActivityTaskState.STARTED
        || a.startedEventId != token.startedEventId()) {
      throw TaskToken.unknown();
    }
    return a;
  }

  /**
   * Records that {@code a} closed as {@code to} (its event with {@code attributes}), removes it from
   * the open tasks and asks the decider to decide.
   */
  public static void closed(History h, Execution.Activity a, ActivityTaskState to, ObjectNode attributes) {
    if (to == ActivityTaskState.CANCELED && a.cancelRequestedEventId > 0) {
      attributes.put("latestCancelRequestedEventId", a.cancelRequestedEventId);
    }
    h.append(switch (to) {
      case COMPLETED -> "ActivityTaskCompleted";
      case FAILED -> "ActivityTaskFailed";
      case CANCELED -> "ActivityTaskCanceled";
      case TIMED_OUT -> "ActivityTaskTimedOut";
      default -> throw new IllegalStateException("not a closed state: " + to);
    }, attributes);
    h.activityClosed(a);
    h.endTimeouts(Deadlines.Kind.ACTIVITY, a.activityId, a.scheduledEventId);
    h.decisionNeeded();
  }
}

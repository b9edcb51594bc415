package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.ActivityResults;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;

/**
 * RequestCancelActivityTask: ActivityTaskCancelRequested for an open activity task. One not started
 * yet is canceled at once (ActivityTaskCanceled); a started one learns of it from its next
 * heartbeat's {@code cancelRequested}. {@code ACTIVITY_ID_UNKNOWN} for an activityId with no open task.
 */
final class RequestCancelActivityTask implements DecisionHandler {
  @Override
  public String type() {
    return "RequestCancelActivityTask";
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    String activityId = d.path("activityId").asText();
    Execution.Activity activity = h.execution().activities.get(activityId);
    ObjectNode a = History.attributes();
    a.put("activityId", activityId);
    if (activity == null) {
      return Decisions.failed(context, h, "RequestCancelActivityTaskFailed", a, "ACTIVITY_ID_UNKNOWN");
    }
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    activity.cancelRequestedEventId = h.append("ActivityTaskCancelRequested", a);
    if (activity.state == ActivityTaskState.SCHEDULED) {
      activity.state = ActivityTaskState.TABLE.move(activity.state, ActivityTaskState.CANCELED);
      ObjectNode canceled = History.attributes();
      canceled.put("scheduledEventId", activity.scheduledEventId);
      canceled.put("startedEventId", 0);
      ActivityResults.closed(h, activity, ActivityTaskState.CANCELED, canceled);
    }
    return true;
  }
}

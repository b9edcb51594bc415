package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;

/** CancelTimer: TimerCanceled for a started timer, which then never fires; {@code TIMER_ID_UNKNOWN}. */
final class CancelTimer implements DecisionHandler {
  @Override
  public String type() {
    return "CancelTimer";
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    String timerId = d.path("timerId").asText();
    Execution.Timer timer = h.execution().timers.get(timerId);
    ObjectNode a = History.attributes();
    a.put("timerId", timerId);
    if (timer == null) {
      return Decisions.failed(context, h, "CancelTimerFailed", a, "TIMER_ID_UNKNOWN");
    }
    a.put("startedEventId", timer.startedEventId);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    h.append("TimerCanceled", a);
    h.endTimer(timerId);
    return true;
  }
}

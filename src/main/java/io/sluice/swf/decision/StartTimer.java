package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfError;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;

/**
 * StartTimer: TimerStarted, the timer due {@code startToFireTimeout} seconds on (it fires as
 * TimerFired on whichever node's scheduler is alive); {@code TIMER_ID_ALREADY_IN_USE} for a timerId of
 * a started timer, {@code OPEN_TIMERS_LIMIT_EXCEEDED} past {@link #MAX_OPEN_TIMERS}.
 */
final class StartTimer implements DecisionHandler {
  /** The most started timers of one execution (SWF developer guide, "Amazon SWF quotas"). */
  static final int MAX_OPEN_TIMERS = 1_000;

  @Override
  public String type() {
    return "StartTimer";
  }

  @Override
  public void validate(ObjectNode a) {
    Registrations.checkName(a.path("timerId").asText(), "timerId");
    String fire = a.path("startToFireTimeout").asText();
    Registrations.checkDuration(fire, "startToFireTimeout");
    if (fire.equals("NONE")) {
      throw AwsException.of(SwfError.ValidationException, "1 validation error detected: Value 'NONE' at "
          + "'startToFireTimeout' failed to satisfy constraint: Member must be an integer");
    }
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    String timerId = d.path("timerId").asText();
    ObjectNode a = History.attributes();
    a.put("timerId", timerId);
    if (h.execution().timers.containsKey(timerId)) {
      return Decisions.failed(context, h, "StartTimerFailed", a, "TIMER_ID_ALREADY_IN_USE");
    }
    if (h.execution().timers.size() >= MAX_OPEN_TIMERS) {
      return Decisions.failed(context, h, "StartTimerFailed", a, "OPEN_TIMERS_LIMIT_EXCEEDED");
    }
    String fire = d.path("startToFireTimeout").asText();
    String control = Decisions.text(d, "control", null);
    History.putIfSet(a, "control", control);
    a.put("startToFireTimeout", fire);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    Execution.Timer timer = new Execution.Timer();
    timer.timerId = timerId;
    timer.control = control;
    timer.fireAt = h.now() + Long.parseLong(fire) * 1000;
    timer.startedEventId = h.append("TimerStarted", a);
    h.startTimer(timer);
    return true;
  }
}

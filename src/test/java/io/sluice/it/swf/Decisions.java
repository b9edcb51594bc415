package io.sluice.it.swf;

import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes;

/** The SDK v2 decisions the workflow tests' deciders make, built briefly. */
final class Decisions {
  private Decisions() {}

  /** ScheduleActivityTask of {@code type} version 1, the type's defaults unless {@code options} change them. */
  static Decision schedule(String type, String activityId, String input,
                           Consumer<ScheduleActivityTaskDecisionAttributes.Builder> options) {
    return Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(a -> {
          a.activityId(activityId).activityType(ActivityType.builder().name(type).version("1").build()).input(input);
          options.accept(a);
        })
        .build();
  }

  static Decision schedule(String type, String activityId, String input) {
    return schedule(type, activityId, input, a -> { });
  }

  static Decision requestCancelActivity(String activityId) {
    return Decision.builder().decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
        .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(activityId)).build();
  }

  static Decision startTimer(String timerId, long seconds, String control) {
    return Decision.builder().decisionType(DecisionType.START_TIMER)
        .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(Long.toString(seconds))
            .control(control))
        .build();
  }

  static Decision cancelTimer(String timerId) {
    return Decision.builder().decisionType(DecisionType.CANCEL_TIMER)
        .cancelTimerDecisionAttributes(a -> a.timerId(timerId)).build();
  }

  static Decision complete(String result) {
    return Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
        .completeWorkflowExecutionDecisionAttributes(a -> a.result(result)).build();
  }

  static Decision fail(String reason, String details) {
    return Decision.builder().decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
        .failWorkflowExecutionDecisionAttributes(a -> a.reason(reason).details(details)).build();
  }

  static Decision cancel(String details) {
    return Decision.builder().decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
        .cancelWorkflowExecutionDecisionAttributes(a -> a.details(details)).build();
  }

  static Decision continueAsNew(String input) {
    return Decision.builder().decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
        .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input(input)).build();
  }
}

package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.Registrations;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * ScheduleActivityTask: ActivityTaskScheduled, each option from the decision or else the activity
 * type's default, the task queued in its task list and its schedule-to-start and schedule-to-close
 * timeouts set. The causes of ScheduleActivityTaskFailed are checked in the order the API reference
 * lists them (ScheduleActivityTaskFailedEventAttributes).
 */
final class ScheduleActivityTask implements DecisionHandler {
  /**
   * The most open activity tasks, scheduled or started, of one execution (SWF developer guide,
   * "Amazon SWF quotas").
   */
  static final int MAX_OPEN_ACTIVITIES = 1_000;

  @Override
  public String type() {
    return "ScheduleActivityTask";
  }

  @Override
  public void validate(ObjectNode a) {
    Registrations.checkName(a.path("activityId").asText(), "activityId");
    for (String timeout : List.of("scheduleToStartTimeout", "scheduleToCloseTimeout", "startToCloseTimeout",
        "heartbeatTimeout")) {
      Registrations.checkDuration(Decisions.text(a, timeout, null), timeout);
    }
  }

  @Override
  public CompletionStage<Void> prepare(DecisionContext context, ObjectNode d) {
    return context.readType(TypeKind.ACTIVITY, Decisions.typeRef(d.path("activityType")));
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    Execution ex = h.execution();
    TypeRef typeRef = Decisions.typeRef(d.path("activityType"));
    String activityId = d.path("activityId").asText();
    Optional<TypeRecord> type = context.type(TypeKind.ACTIVITY, typeRef);
    TypeDefaults defaults = type.map(TypeRecord::defaults).orElse(null);
    String taskList = Decisions.text(d.path("taskList"), "name",
        defaults == null || defaults.taskList() == null ? null : defaults.taskList().name());
    String scheduleToClose = Decisions.text(d, "scheduleToCloseTimeout",
        defaults == null ? null : defaults.taskScheduleToCloseTimeout());
    String scheduleToStart = Decisions.text(d, "scheduleToStartTimeout",
        defaults == null ? null : defaults.taskScheduleToStartTimeout());
    String startToClose = Decisions.text(d, "startToCloseTimeout",
        defaults == null ? null : defaults.taskStartToCloseTimeout());
    String heartbeat = Decisions.text(d, "heartbeatTimeout", defaults == null ? null : defaults.taskHeartbeatTimeout());
    String cause = type.isEmpty() ? "ACTIVITY_TYPE_DOES_NOT_EXIST"
        : type.get().status() == RegistrationStatus.DEPRECATED ? "ACTIVITY_TYPE_DEPRECATED"
        : ex.activities.containsKey(activityId) ? "ACTIVITY_ID_ALREADY_IN_USE"
        : ex.activities.size() >= MAX_OPEN_ACTIVITIES ? "OPEN_ACTIVITIES_LIMIT_EXCEEDED"
        : taskList == null ? "DEFAULT_TASK_LIST_UNDEFINED"
        : scheduleToClose == null ? "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED"
        : scheduleToStart == null ? "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED"
        : startToClose == null ? "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED" : null;
    ObjectNode a = History.attributes();
    a.putObject("activityType").put("name", typeRef.name()).put("version", typeRef.version());
    a.put("activityId", activityId);
    if (cause != null) {
      return Decisions.failed(context, h, "ScheduleActivityTaskFailed", a, cause);
    }
    String priority = Decisions.text(d, "taskPriority", defaults.taskPriority());
    String input = Decisions.text(d, "input", null);
    History.putIfSet(a, "input", input);
    History.putIfSet(a, "control", Decisions.text(d, "control", null));
    a.put("scheduleToStartTimeout", scheduleToStart);
    a.put("scheduleToCloseTimeout", scheduleToClose);
    a.put("startToCloseTimeout", startToClose);
    a.putObject("taskList").put("name", taskList);
    History.putIfSet(a, "taskPriority", priority);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    History.putIfSet(a, "heartbeatTimeout", heartbeat);
    Execution.Activity activity = new Execution.Activity();
    activity.activityId = activityId;
    activity.activityType = typeRef;
    activity.taskList = taskList;
    activity.input = input;
    activity.startToCloseTimeout = startToClose;
    activity.heartbeatTimeout = heartbeat;
    activity.scheduledEventId = h.append("ActivityTaskScheduled", a);
    activity.scheduledAt = h.now();
    h.timeout(Deadlines.Kind.ACTIVITY, activityId, activity.scheduledEventId, "SCHEDULE_TO_START", scheduleToStart);
    h.timeout(Deadlines.Kind.ACTIVITY, activityId, activity.scheduledEventId, "SCHEDULE_TO_CLOSE", scheduleToClose);
    ex.activities.put(activityId, activity);
    // "The time when the last activity task was scheduled" (API reference, WorkflowExecutionDetail)
    ex.latestActivityTaskTimestamp = h.now();
    h.queue(new TaskListId(context.domain(), TaskListId.Kind.ACTIVITY, taskList), activity.scheduledEventId,
        priority);
    return true;
  }
}

package io.sluice.swf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.HistoryObserver;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TypeRef;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SWF meters named {@code swf.<CloudWatch metric>} (SWF developer guide, "Amazon SWF metrics for
 * CloudWatch"), read from the events each committed history transaction appended, tagged with AWS's
 * dimensions: {@code Domain}, {@code WorkflowTypeName} and {@code WorkflowTypeVersion} for decision
 * tasks and executions ({@code WorkflowsTerminated} also {@code Cause}); {@code Domain},
 * {@code ActivityTypeName} and {@code ActivityTypeVersion} for activity tasks. Times (milliseconds on
 * AWS) are Micrometer timers, counts are counters. Each node counts the transactions it committed.
 */
public final class SwfMetrics implements HistoryObserver {
  /** The counter of each workflow close event. */
  private static final Map<String, String> WORKFLOW_CLOSED = Map.of(
      "WorkflowExecutionCompleted", "WorkflowsCompleted",
      "WorkflowExecutionFailed", "WorkflowsFailed",
      "WorkflowExecutionCanceled", "WorkflowsCanceled",
      "WorkflowExecutionTerminated", "WorkflowsTerminated",
      "WorkflowExecutionTimedOut", "WorkflowsTimedOut",
      "WorkflowExecutionContinuedAsNew", "WorkflowsContinuedAsNew");
  /** The counter of each activity close event; a timeout's by its timeout type. */
  private static final Map<String, String> ACTIVITY_CLOSED = Map.of(
      "ActivityTaskCompleted", "ActivityTasksCompleted",
      "ActivityTaskFailed", "ActivityTasksFailed",
      "ActivityTaskCanceled", "ActivityTasksCanceled",
      "SCHEDULE_TO_START", "ScheduledActivityTasksTimedOutOnStart",
      "SCHEDULE_TO_CLOSE", "ScheduledActivityTasksTimedOutOnClose",
      "START_TO_CLOSE", "StartedActivityTasksTimedOutOnClose",
      "HEARTBEAT", "StartedActivityTasksTimedOutOnHeartbeat");

  private final MeterRegistry registry;

  public SwfMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void committed(ExecutionKey key, History h) {
    Execution ex = h.execution();
    String domain = key.domain().name();
    Tags workflow = Tags.of("Domain", domain, "WorkflowTypeName", ex.workflowType.name(),
        "WorkflowTypeVersion", ex.workflowType.version());
    long now = h.now();
    for (ObjectNode event : h.events()) {
      String type = event.get("eventType").asText();
      JsonNode a = event.path(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventAttributes");
      switch (type) {
        case "DecisionTaskStarted" -> time("DecisionTaskScheduleToStartTime", workflow, ex.decision.scheduledAt, now);
        case "DecisionTaskCompleted" -> {
          count("DecisionTasksCompleted", workflow);
          time("DecisionTaskStartToCloseTime", workflow, ex.decision.startedAt, now);
        }
        case "DecisionTaskTimedOut" -> count("StartedDecisionTasksTimedOutOnClose", workflow);
        case "ActivityTaskStarted" -> {
          Execution.Activity activity = activity(h, a.path("scheduledEventId").asLong());
          if (activity != null) {
            time("ActivityTaskScheduleToStartTime", activity(domain, activity), activity.scheduledAt, now);
          }
        }
        case "ActivityTaskCompleted", "ActivityTaskFailed", "ActivityTaskCanceled", "ActivityTaskTimedOut" ->
            activityClosed(h, domain, type.equals("ActivityTaskTimedOut") ? a.path("timeoutType").asText() : type, a);
        default -> {
          String closed = WORKFLOW_CLOSED.get(type);
          if (closed != null) {
            // WorkflowsTerminated has the dimension Cause; an operator's termination carries none
            count(closed, type.equals("WorkflowExecutionTerminated")
                ? workflow.and("Cause", a.path("cause").asText("OPERATOR_INITIATED")) : workflow);
            time("WorkflowStartToCloseTime", workflow, ex.started, now);
          }
        }
      }
    }
  }

  private void activityClosed(History h, String domain, String how, JsonNode a) {
    Execution.Activity activity = activity(h, a.path("scheduledEventId").asLong());
    String counter = ACTIVITY_CLOSED.get(how);
    if (activity == null || counter == null) {
      return;
    }
    Tags tags = activity(domain, activity);
    count(counter, tags);
    time("ActivityTaskScheduleToCloseTime", tags, activity.scheduledAt, h.now());
    if (activity.startedEventId > 0) {
      time("ActivityTaskStartToCloseTime", tags, activity.startedAt, h.now());
    }
  }

  /** The activity task scheduled by {@code scheduledEventId}: open, or closed by this transaction. */
  private static Execution.Activity activity(History h, long scheduledEventId) {
    Execution.Activity open = h.execution().activityScheduledBy(scheduledEventId);
    if (open != null) {
      return open;
    }
    return h.closedActivities().stream().filter(a -> a.scheduledEventId == scheduledEventId).findFirst()
        .orElse(null);
  }

  private static Tags activity(String domain, Execution.Activity activity) {
    TypeRef type = activity.activityType;
    return Tags.of("Domain", domain, "ActivityTypeName", type.name(), "ActivityTypeVersion", type.version());
  }

  private void count(String metric, Tags tags) {
    Counter.builder("swf." + metric).tags(tags).register(registry).increment();
  }

  /** Records {@code now - since}, unless {@code since} is unknown (0: state stored before it was kept). */
  private void time(String metric, Tags tags, long since, long now) {
    if (since > 0) {
      Timer.builder("swf." + metric).tags(tags).register(registry).record(now - since, TimeUnit.MILLISECONDS);
    }
  }
}

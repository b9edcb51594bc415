package io.sluice.swf.op;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfError;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.ActivityResults;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.DecisionTaskState;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.TaskToken;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RespondDecisionTaskCompleted: the decider's decisions on its started decision task.
 * DecisionTaskCompleted is recorded, then each decision in order, every one checked before it is
 * applied; one that cannot be is recorded as its {@code …Failed} event with AWS's cause and a new
 * decision task is scheduled (as it is when events arrived while the task was started). A close
 * decision while such events wait is {@code UNHANDLED_DECISION}. Decisions after a decision that
 * closed the execution are not applied. So far ScheduleActivityTask, CompleteWorkflowExecution,
 * FailWorkflowExecution, CancelWorkflowExecution, ContinueAsNewWorkflowExecution, RecordMarker,
 * RequestCancelActivityTask, StartTimer and CancelTimer; another decision type is refused (ValidationException)
 * before anything is recorded. A {@code taskList} given moves the execution's later decision tasks
 * there. UnknownResourceFault for a token of a task that is not started.
 */
public final class RespondDecisionTaskCompleted extends SwfOperation<RespondDecisionTaskCompleted.Request, Void> {
  private static final Set<String> SUPPORTED = Set.of("ScheduleActivityTask", "CompleteWorkflowExecution",
      "FailWorkflowExecution", "CancelWorkflowExecution", "RecordMarker", "RequestCancelActivityTask",
      "ContinueAsNewWorkflowExecution", "StartTimer", "CancelTimer");

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Decision(String decisionType, ObjectNode scheduleActivityTaskDecisionAttributes,
                         ObjectNode requestCancelActivityTaskDecisionAttributes,
                         ObjectNode completeWorkflowExecutionDecisionAttributes,
                         ObjectNode failWorkflowExecutionDecisionAttributes,
                         ObjectNode cancelWorkflowExecutionDecisionAttributes,
                         ObjectNode continueAsNewWorkflowExecutionDecisionAttributes,
                         ObjectNode recordMarkerDecisionAttributes, ObjectNode startTimerDecisionAttributes,
                         ObjectNode cancelTimerDecisionAttributes,
                         JsonNode signalExternalWorkflowExecutionDecisionAttributes,
                         JsonNode requestCancelExternalWorkflowExecutionDecisionAttributes,
                         JsonNode startChildWorkflowExecutionDecisionAttributes,
                         JsonNode scheduleLambdaFunctionDecisionAttributes) {}

  /** A type read before the transaction, by kind. */
  private record TypeKey(TypeKind kind, TypeRef type) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, List<Decision> decisions, String executionContext, TaskList taskList,
                        String taskListScheduleToStartTimeout) {}

  public RespondDecisionTaskCompleted(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    TaskToken token = TaskToken.decode(req.taskToken(), ctx.region(), ctx.account());
    Registrations.checkName(req.taskList() == null ? null : req.taskList().name(), "taskList.name");
    Registrations.checkDuration(req.taskListScheduleToStartTimeout(), "taskListScheduleToStartTimeout");
    List<Decision> decisions = req.decisions() == null ? List.of() : req.decisions();
    for (Decision d : decisions) {
      if (!SUPPORTED.contains(d.decisionType())) {
        throw AwsException.of(SwfError.ValidationException, "Decision type %s is not supported yet.",
            d.decisionType());
      }
      if (d.decisionType().equals("ScheduleActivityTask")) {
        ObjectNode a = required(d.scheduleActivityTaskDecisionAttributes(), d);
        Registrations.checkName(a.path("activityId").asText(), "activityId");
      } else if (d.decisionType().equals("RecordMarker")) {
        required(d.recordMarkerDecisionAttributes(), d);
      } else if (d.decisionType().equals("RequestCancelActivityTask")) {
        required(d.requestCancelActivityTaskDecisionAttributes(), d);
      } else if (d.decisionType().equals("StartTimer")) {
        ObjectNode a = required(d.startTimerDecisionAttributes(), d);
        Registrations.checkName(a.path("timerId").asText(), "timerId");
        String fire = a.path("startToFireTimeout").asText();
        Registrations.checkDuration(fire, "startToFireTimeout");
        if (fire.equals("NONE")) {
          throw AwsException.of(SwfError.ValidationException, "1 validation error detected: Value 'NONE' at "
              + "'startToFireTimeout' failed to satisfy constraint: Member must be an integer");
        }
      } else if (d.decisionType().equals("CancelTimer")) {
        required(d.cancelTimerDecisionAttributes(), d);
      }
    }
    return activityTypes(token, decisions).thenCompose(types -> workflowTypes(token, decisions, types))
        .thenCompose(types -> swf.histories().update(token.execution(), h -> {
      Execution ex = h.execution();
      Execution.Decision task = ex.decision;
      if (!ex.status.open() || task.state != DecisionTaskState.STARTED
          || task.scheduledEventId != token.scheduledEventId() || task.startedEventId != token.startedEventId()) {
        throw TaskToken.unknown();
      }
      ObjectNode completed = History.attributes();
      History.putIfSet(completed, "executionContext", req.executionContext());
      completed.put("scheduledEventId", task.scheduledEventId);
      completed.put("startedEventId", task.startedEventId);
      if (req.taskList() != null) {
        // The execution's decision tasks go to this task list from now on (API reference,
        // RespondDecisionTaskCompleted: "This list overrides the original task list").
        completed.putObject("taskList").put("name", req.taskList().name());
        // With taskListScheduleToStartTimeout the override is temporary: a decision task not started
        // on it in time times out and goes back to the original task list (API reference).
        String timeout = req.taskListScheduleToStartTimeout();
        boolean temporary = timeout != null && !timeout.equals("NONE");
        ex.overriddenTaskList = temporary
            ? (ex.overriddenTaskList != null ? ex.overriddenTaskList : ex.taskList) : null;
        ex.overrideScheduleToStartTimeout = temporary ? timeout : null;
        ex.taskList = req.taskList().name();
      }
      History.putIfSet(completed, "taskListScheduleToStartTimeout", req.taskListScheduleToStartTimeout());
      long completedId = h.append("DecisionTaskCompleted", completed);
      task.previousStartedEventId = task.startedEventId;
      if (req.executionContext() != null) {
        ex.latestExecutionContext = req.executionContext();
      }
      boolean unhandled = task.due;
      boolean failed = false;
      for (Decision d : decisions) {
        if (!ex.status.open()) {
          break;
        }
        failed |= !apply(h, d, completedId, unhandled, types, token);
      }
      // The task stays started while its decisions apply: what they make due (an activity task
      // canceled at once) is scheduled after them, with the failures', in one decision task.
      boolean due = task.due;
      task.state = DecisionTaskState.TABLE.move(task.state, DecisionTaskState.NONE);
      task.due = false;
      if (ex.status.open() && (due || failed)) {
        h.scheduleDecisionTask();
      }
      return null;
    }));
  }

  /** Applies one decision; false if it failed (its …Failed event recorded). */
  private static boolean apply(History h, Decision d, long completedId, boolean unhandled,
                               Map<TypeKey, Optional<TypeRecord>> types, TaskToken token) {
    return switch (d.decisionType()) {
      case "ScheduleActivityTask" -> scheduleActivity(h, d.scheduleActivityTaskDecisionAttributes(), completedId,
          types, token);
      case "CompleteWorkflowExecution" -> close(h, completedId, unhandled, ExecutionStatus.COMPLETED,
          d.completeWorkflowExecutionDecisionAttributes(), "result");
      case "FailWorkflowExecution" -> close(h, completedId, unhandled, ExecutionStatus.FAILED,
          d.failWorkflowExecutionDecisionAttributes(), "reason", "details");
      case "CancelWorkflowExecution" -> close(h, completedId, unhandled, ExecutionStatus.CANCELED,
          d.cancelWorkflowExecutionDecisionAttributes(), "details");
      case "ContinueAsNewWorkflowExecution" -> continueAsNew(h, d.continueAsNewWorkflowExecutionDecisionAttributes(),
          completedId, unhandled, types);
      case "StartTimer" -> startTimer(h, d.startTimerDecisionAttributes(), completedId);
      case "CancelTimer" -> cancelTimer(h, d.cancelTimerDecisionAttributes().path("timerId").asText(), completedId);
      case "RequestCancelActivityTask" -> cancelActivity(h, d.requestCancelActivityTaskDecisionAttributes()
          .path("activityId").asText(), completedId);
      case "RecordMarker" -> {
        ObjectNode m = d.recordMarkerDecisionAttributes();
        ObjectNode a = History.attributes();
        a.put("markerName", m.path("markerName").asText());
        if (m.hasNonNull("details")) {
          a.put("details", m.get("details").asText());
        }
        a.put("decisionTaskCompletedEventId", completedId);
        h.append("MarkerRecorded", a);
        yield true;
      }
      default -> throw new IllegalStateException("unsupported decision " + d.decisionType());
    };
  }

  private static boolean close(History h, long completedId, boolean unhandled, ExecutionStatus status,
                               ObjectNode given, String... fields) {
    String kind = switch (status) {
      case COMPLETED -> "Complete";
      case CANCELED -> "Cancel";
      default -> "Fail";
    };
    if (unhandled) {
      // Events arrived while the decision task was started: the decider has not seen them
      // (API reference, CompleteWorkflowExecutionFailedEventAttributes: UNHANDLED_DECISION).
      ObjectNode a = History.attributes();
      a.put("cause", "UNHANDLED_DECISION");
      a.put("decisionTaskCompletedEventId", completedId);
      h.append(kind + "WorkflowExecutionFailed", a);
      return false;
    }
    ObjectNode a = History.attributes();
    for (String field : fields) {
      if (given != null && given.hasNonNull(field)) {
        a.put(field, given.get(field).asText());
      }
    }
    a.put("decisionTaskCompletedEventId", completedId);
    h.close(status);
    h.append(switch (status) {
      case COMPLETED -> "WorkflowExecutionCompleted";
      case CANCELED -> "WorkflowExecutionCanceled";
      default -> "WorkflowExecutionFailed";
    }, a);
    return true;
  }

  /** TimerStarted, the timer due {@code startToFireTimeout} seconds on; TIMER_ID_ALREADY_IN_USE. */
  private static boolean startTimer(History h, ObjectNode d, long completedId) {
    String timerId = d.path("timerId").asText();
    ObjectNode a = History.attributes();
    a.put("timerId", timerId);
    if (h.execution().timers.containsKey(timerId)) {
      a.put("cause", "TIMER_ID_ALREADY_IN_USE");
      a.put("decisionTaskCompletedEventId", completedId);
      h.append("StartTimerFailed", a);
      return false;
    }
    String fire = d.path("startToFireTimeout").asText();
    History.putIfSet(a, "control", text(d, "control", null));
    a.put("startToFireTimeout", fire);
    a.put("decisionTaskCompletedEventId", completedId);
    Execution.Timer timer = new Execution.Timer();
    timer.timerId = timerId;
    timer.control = text(d, "control", null);
    timer.fireAt = h.now() + Long.parseLong(fire) * 1000;
    timer.startedEventId = h.append("TimerStarted", a);
    h.startTimer(timer);
    return true;
  }

  /** TimerCanceled for a started timer; TIMER_ID_UNKNOWN. */
  private static boolean cancelTimer(History h, String timerId, long completedId) {
    Execution.Timer timer = h.execution().timers.get(timerId);
    ObjectNode a = History.attributes();
    a.put("timerId", timerId);
    if (timer == null) {
      a.put("cause", "TIMER_ID_UNKNOWN");
      a.put("decisionTaskCompletedEventId", completedId);
      h.append("CancelTimerFailed", a);
      return false;
    }
    a.put("startedEventId", timer.startedEventId);
    a.put("decisionTaskCompletedEventId", completedId);
    h.append("TimerCanceled", a);
    h.endTimer(timerId);
    return true;
  }

  /**
   * ActivityTaskCancelRequested for an open activity task: one not started yet is canceled at once
   * (ActivityTaskCanceled), a started one learns of it from its next heartbeat's
   * {@code cancelRequested}. An activityId with no open task is RequestCancelActivityTaskFailed,
   * {@code ACTIVITY_ID_UNKNOWN}.
   */
  private static boolean cancelActivity(History h, String activityId, long completedId) {
    Execution.Activity activity = h.execution().activities.get(activityId);
    ObjectNode a = History.attributes();
    a.put("activityId", activityId);
    a.put("decisionTaskCompletedEventId", completedId);
    if (activity == null) {
      a.put("cause", "ACTIVITY_ID_UNKNOWN");
      h.append("RequestCancelActivityTaskFailed", a);
      return false;
    }
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

  private static boolean scheduleActivity(History h, ObjectNode d, long completedId,
                                          Map<TypeKey, Optional<TypeRecord>> types, TaskToken token) {
    Execution ex = h.execution();
    TypeRef typeRef = typeOf(d);
    String activityId = d.path("activityId").asText();
    Optional<TypeRecord> type = types.getOrDefault(new TypeKey(TypeKind.ACTIVITY, typeRef), Optional.empty());
    TypeDefaults defaults = type.map(TypeRecord::defaults).orElse(null);
    String cause = null;
    String taskList = text(d.path("taskList"), "name", defaults == null || defaults.taskList() == null ? null
        : defaults.taskList().name());
    String scheduleToClose = text(d, "scheduleToCloseTimeout", defaults == null ? null
        : defaults.taskScheduleToCloseTimeout());
    String scheduleToStart = text(d, "scheduleToStartTimeout", defaults == null ? null
        : defaults.taskScheduleToStartTimeout());
    String startToClose = text(d, "startToCloseTimeout", defaults == null ? null : defaults.taskStartToCloseTimeout());
    String heartbeat = text(d, "heartbeatTimeout", defaults == null ? null : defaults.taskHeartbeatTimeout());
    // Causes as the API reference lists them (ScheduleActivityTaskFailedEventAttributes).
    if (type.isEmpty()) {
      cause = "ACTIVITY_TYPE_DOES_NOT_EXIST";
    } else if (type.get().status() == RegistrationStatus.DEPRECATED) {
      cause = "ACTIVITY_TYPE_DEPRECATED";
    } else if (ex.activities.containsKey(activityId)) {
      cause = "ACTIVITY_ID_ALREADY_IN_USE";
    } else if (taskList == null) {
      cause = "DEFAULT_TASK_LIST_UNDEFINED";
    } else if (scheduleToClose == null) {
      cause = "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED";
    } else if (scheduleToStart == null) {
      cause = "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED";
    } else if (startToClose == null) {
      cause = "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED";
    }
    if (cause != null) {
      ObjectNode a = History.attributes();
      a.putObject("activityType").put("name", typeRef.name()).put("version", typeRef.version());
      a.put("activityId", activityId);
      a.put("cause", cause);
      a.put("decisionTaskCompletedEventId", completedId);
      h.append("ScheduleActivityTaskFailed", a);
      return false;
    }
    String priority = text(d, "taskPriority", defaults.taskPriority());
    ObjectNode a = History.attributes();
    a.putObject("activityType").put("name", typeRef.name()).put("version", typeRef.version());
    a.put("activityId", activityId);
    History.putIfSet(a, "input", text(d, "input", null));
    History.putIfSet(a, "control", text(d, "control", null));
    a.put("scheduleToStartTimeout", scheduleToStart);
    a.put("scheduleToCloseTimeout", scheduleToClose);
    a.put("startToCloseTimeout", startToClose);
    a.putObject("taskList").put("name", taskList);
    History.putIfSet(a, "taskPriority", priority);
    a.put("decisionTaskCompletedEventId", completedId);
    History.putIfSet(a, "heartbeatTimeout", heartbeat);
    Execution.Activity activity = new Execution.Activity();
    activity.activityId = activityId;
    activity.activityType = typeRef;
    activity.taskList = taskList;
    activity.input = text(d, "input", null);
    activity.startToCloseTimeout = startToClose;
    activity.scheduledEventId = h.append("ActivityTaskScheduled", a);
    h.timeout(Deadlines.Kind.ACTIVITY, activityId, activity.scheduledEventId, "SCHEDULE_TO_START", scheduleToStart);
    h.timeout(Deadlines.Kind.ACTIVITY, activityId, activity.scheduledEventId, "SCHEDULE_TO_CLOSE", scheduleToClose);
    ex.activities.put(activityId, activity);
    h.queue(new TaskListId(token.execution().domain(), TaskListId.Kind.ACTIVITY, taskList), activity.scheduledEventId);
    return true;
  }

  /**
   * Closes the run as CONTINUED_AS_NEW and starts its next run of the same workflowId in the same
   * step, each option from the decision or else the workflow type's default (of the version the
   * decision names, else the run's); the causes of ContinueAsNewWorkflowExecutionFailed as the API
   * reference lists them.
   */
  private static boolean continueAsNew(History h, ObjectNode d, long completedId, boolean unhandled,
                                       Map<TypeKey, Optional<TypeRecord>> types) {
    Execution ex = h.execution();
    ObjectNode attributes = d == null ? History.attributes() : d;
    TypeRef typeRef = new TypeRef(ex.workflowType.name(), text(attributes, "workflowTypeVersion",
        ex.workflowType.version()));
    Optional<TypeRecord> type = types.getOrDefault(new TypeKey(TypeKind.WORKFLOW, typeRef), Optional.empty());
    TypeDefaults defaults = type.map(TypeRecord::defaults).orElse(null);
    Execution next = new Execution();
    next.workflowId = ex.workflowId;
    next.runId = Histories.newRunId();
    next.workflowType = typeRef;
    next.started = h.now();
    next.executionStartToCloseTimeout = text(attributes, "executionStartToCloseTimeout",
        defaults == null ? null : defaults.executionStartToCloseTimeout());
    next.taskStartToCloseTimeout = text(attributes, "taskStartToCloseTimeout",
        defaults == null ? null : defaults.taskStartToCloseTimeout());
    next.taskList = text(attributes.path("taskList"), "name",
        defaults == null || defaults.taskList() == null ? null : defaults.taskList().name());
    next.taskPriority = text(attributes, "taskPriority", defaults == null ? null : defaults.taskPriority());
    next.childPolicy = text(attributes, "childPolicy", defaults == null ? null : defaults.childPolicy());
    next.lambdaRole = text(attributes, "lambdaRole", defaults == null ? null : defaults.lambdaRole());
    List<String> tags = new ArrayList<>();
    attributes.path("tagList").forEach(t -> tags.add(t.asText()));
    next.tagList = tags;
    String cause = unhandled ? "UNHANDLED_DECISION"
        : type.isEmpty() ? "WORKFLOW_TYPE_DOES_NOT_EXIST"
        : type.get().status() == RegistrationStatus.DEPRECATED ? "WORKFLOW_TYPE_DEPRECATED"
        : next.executionStartToCloseTimeout == null ? "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : next.taskStartToCloseTimeout == null ? "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : next.taskList == null ? "DEFAULT_TASK_LIST_UNDEFINED"
        : next.childPolicy == null ? "DEFAULT_CHILD_POLICY_UNDEFINED" : null;
    if (cause != null) {
      ObjectNode a = History.attributes();
      a.put("cause", cause);
      a.put("decisionTaskCompletedEventId", completedId);
      h.append("ContinueAsNewWorkflowExecutionFailed", a);
      return false;
    }
    String input = text(attributes, "input", null);
    ObjectNode a = History.attributes();
    History.putIfSet(a, "input", input);
    a.put("decisionTaskCompletedEventId", completedId);
    a.put("newExecutionRunId", next.runId);
    a.put("executionStartToCloseTimeout", next.executionStartToCloseTimeout);
    a.putObject("taskList").put("name", next.taskList);
    History.putIfSet(a, "taskPriority", next.taskPriority);
    a.put("taskStartToCloseTimeout", next.taskStartToCloseTimeout);
    a.put("childPolicy", next.childPolicy);
    if (!next.tagList.isEmpty()) {
      next.tagList.forEach(a.putArray("tagList")::add);
    }
    a.putObject("workflowType").put("name", typeRef.name()).put("version", typeRef.version());
    History.putIfSet(a, "lambdaRole", next.lambdaRole);
    h.close(ExecutionStatus.CONTINUED_AS_NEW);
    h.append("WorkflowExecutionContinuedAsNew", a);
    h.continueAs(next).startRun(input, ex.runId);
    return true;
  }

  /** Adds the workflow type a ContinueAsNewWorkflowExecution decision names, read before the transaction. */
  private CompletionStage<Map<TypeKey, Optional<TypeRecord>>> workflowTypes(TaskToken token, List<Decision> decisions,
                                                                          Map<TypeKey, Optional<TypeRecord>> types) {
    Optional<Decision> continued = decisions.stream()
        .filter(d -> d.decisionType().equals("ContinueAsNewWorkflowExecution")).findFirst();
    if (continued.isEmpty()) {
      return CompletableFuture.completedFuture(types);
    }
    ObjectNode attributes = continued.get().continueAsNewWorkflowExecutionDecisionAttributes();
    return swf.histories().read(token.execution()).thenCompose(found -> {
      Execution ex = found.orElseThrow(TaskToken::unknown);
      TypeRef ref = new TypeRef(ex.workflowType.name(), attributes == null ? ex.workflowType.version()
          : text(attributes, "workflowTypeVersion", ex.workflowType.version()));
      return store().type(token.execution().domain(), TypeKind.WORKFLOW, ref).thenApply(found2 -> {
        types.put(new TypeKey(TypeKind.WORKFLOW, ref), found2);
        return types;
      });
    });
  }

  /** The activity types the ScheduleActivityTask decisions name, read before the transaction. */
  private CompletionStage<Map<TypeKey, Optional<TypeRecord>>> activityTypes(TaskToken token, List<Decision> decisions) {
    Map<TypeKey, Optional<TypeRecord>> types = new HashMap<>();
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (Decision d : decisions) {
      if (d.decisionType().equals("ScheduleActivityTask")) {
        TypeRef ref = typeOf(d.scheduleActivityTaskDecisionAttributes());
        all = all.thenCompose(v -> store().type(token.execution().domain(), TypeKind.ACTIVITY, ref)
            .thenAccept(found -> types.put(new TypeKey(TypeKind.ACTIVITY, ref), found)));
      }
    }
    return all.thenApply(v -> types);
  }

  private static TypeRef typeOf(ObjectNode attributes) {
    JsonNode t = attributes.path("activityType");
    return new TypeRef(t.path("name").asText(), t.path("version").asText());
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static ObjectNode required(ObjectNode attributes, Decision d) {
    if (attributes == null) {
      throw AwsException.of(SwfError.ValidationException, "Decision %s needs its %s.", d.decisionType(),
          Character.toLowerCase(d.decisionType().charAt(0)) + d.decisionType().substring(1) + "DecisionAttributes");
    }
    return attributes;
  }
}

package io.sluice.swf.engine;

import io.sluice.swf.model.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow execution's state as stored beside its history (JSON): what was started, its status,
 * the next eventId, its decision task, its open activity and Lambda tasks and its timers. A history transaction reads it,
 * changes it only through the transition tables and {@link History}, and commits it with the events.
 * Durations are AWS's strings (seconds or {@code NONE}); times are epoch millis.
 */
public final class Execution {
  public String workflowId;
  public String runId;
  public TypeRef workflowType;
  public ExecutionStatus status = ExecutionStatus.OPEN;
  public long started;
  public Long closed;
  public String taskList;
  public String taskPriority;
  public String executionStartToCloseTimeout;
  public String taskStartToCloseTimeout;
  public String childPolicy;
  public String lambdaRole;
  public List<String> tagList = new ArrayList<>();
  /** The domain's retention period in days ("0".."90" or NONE) as the run started; null if not known. */
  public String retentionDays;
  public long nextEventId = 1;
  public Decision decision = new Decision();
  public Map<String, Activity> activities = new LinkedHashMap<>();
  public Map<String, Timer> timers = new LinkedHashMap<>();
  public Map<String, Lambda> lambdas = new LinkedHashMap<>();
  public Long latestActivityTaskTimestamp;
  public String latestExecutionContext;
  /** The ids of the {@link Message}s this run received and applied. */
  public Set<String> received = new LinkedHashSet<>();
  /** A cancellation was requested (RequestCancelWorkflowExecution) and the run is still open. */
  public boolean cancelRequested;
  /** The run's parent when it is a child workflow (a run that continues as new keeps it), or null. */
  public Parent parent;
  /** The children it started (StartChildWorkflowExecution) that are still open, by their initiated eventId. */
  public Map<Long, Child> children = new LinkedHashMap<>();
  /** The child policy applied to the open children when the run closed (null while open). */
  public String closedChildPolicy;
  /**
   * While a decider's task list override is temporary: its schedule-to-start timeout (seconds) and
   * the task list a decision task not started within it goes back to; null while none is.
   */
  public String overrideScheduleToStartTimeout;
  public String overriddenTaskList;

  /** The decision task. */
  public static final class Decision {
    public DecisionTaskState state = DecisionTaskState.NONE;
    public long scheduledEventId;
    public long startedEventId;
    /** When the task was last scheduled and last started (epoch millis; 0: never). */
    public long scheduledAt;
    public long startedAt;
    /** The eventId of the last decision task's DecisionTaskStarted event that was completed (0: none). */
    public long previousStartedEventId;
    /** Events arrived while the task was started: another decision task is due when it completes. */
    public boolean due;
  }

  /** An open activity task, by activityId. */
  public static final class Activity {
    public String activityId;
    public TypeRef activityType;
    public ActivityTaskState state = ActivityTaskState.SCHEDULED;
    public long scheduledEventId;
    public long startedEventId;
    public String taskList;
    public String input;
    /** The task's start-to-close timeout (seconds or NONE), set as it starts. */
    public String startToCloseTimeout;
    /** The task's heartbeat timeout (seconds or NONE; null: none), set as it starts. */
    public String heartbeatTimeout;
    /** When the task was scheduled, started and last heartbeat (epoch millis; 0: not yet). */
    public long scheduledAt;
    public long startedAt;
    public long lastHeartbeat;
    /** The {@code details} of the latest RecordActivityTaskHeartbeat, or null. */
    public String heartbeatDetails;
    /** The eventId of the latest ActivityTaskCancelRequested of this task (0: none). */
    public long cancelRequestedEventId;
  }

  /** An open Lambda task, by its id. */
  public static final class Lambda {
    public String id;
    /** The function's name or ARN. */
    public String name;
    public LambdaFunctionState state = LambdaFunctionState.SCHEDULED;
    public String input;
    /** Seconds. */
    public String startToCloseTimeout;
    public long scheduledEventId;
    public long startedEventId;
  }

  /** A started timer, by timerId; it fires at {@code fireAt} (epoch millis) on the shared scheduler. */
  public static final class Timer {
    public String timerId;
    public long startedEventId;
    public String control;
    public long fireAt;
  }

  /** A child's parent: its run and the eventId of the parent's StartChildWorkflowExecutionInitiated. */
  public static final class Parent {
    public String workflowId;
    public String runId;
    public long initiatedEventId;

    /** True if this is {@code other}'s parent as a message names it. */
    public boolean is(String workflowId, String runId, long initiatedEventId) {
      return this.workflowId.equals(workflowId) && this.runId.equals(runId) && this.initiatedEventId == initiatedEventId;
    }
  }

  /** An open child workflow execution, by its StartChildWorkflowExecutionInitiated eventId. */
  public static final class Child {
    public String workflowId;
    /** The child's first run, once started. */
    public String runId;
    public TypeRef workflowType;
    public ChildWorkflowState state = ChildWorkflowState.INITIATED;
    public long initiatedEventId;
    public long startedEventId;
  }

  /** Fails with UnknownResourceFault unless the run is open (an action on a closed run). */
  public void requireOpen() {
    if (!status.open()) {
      throw io.sluice.protocol.AwsException.of(io.sluice.swf.SwfError.UnknownResourceFault,
          "Unknown execution: WorkflowExecution=[workflowId=%s, runId=%s]", workflowId, runId);
    }
  }

  /** The open activity task scheduled by event {@code scheduledEventId}, or null. */
  public Activity activityScheduledBy(long scheduledEventId) {
    for (Activity a : activities.values()) {
      if (a.scheduledEventId == scheduledEventId) {
        return a;
      }
    }
    return null;
  }
}

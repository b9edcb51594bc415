package io.sluice.swf.engine;

import io.sluice.swf.model.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow execution's state as stored beside its history (JSON): what was started, its status,
 * the next eventId, its decision task and its open activity tasks. A history transaction reads it,
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
  public long nextEventId = 1;
  public Decision decision = new Decision();
  public Map<String, Activity> activities = new LinkedHashMap<>();
  public Map<String, Timer> timers = new LinkedHashMap<>();
  public Long latestActivityTaskTimestamp;
  public String latestExecutionContext;
  /** A cancellation was requested (RequestCancelWorkflowExecution) and the run is still open. */
  public boolean cancelRequested;
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
    /** The eventId of the latest ActivityTaskCancelRequested of this task (0: none). */
    public long cancelRequestedEventId;
  }

  /** A started timer, by timerId; it fires at {@code fireAt} (epoch millis) on the shared scheduler. */
  public static final class Timer {
    public String timerId;
    public long startedEventId;
    public String control;
    public long fireAt;
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

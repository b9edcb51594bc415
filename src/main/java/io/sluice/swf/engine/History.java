package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.model.QueuedTask;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One history transaction's changes to an execution: the events it appends, numbered on from the
 * execution's next eventId in AWS's {@code HistoryEvent} shape ({@code eventTimestamp} in epoch
 * seconds, {@code eventType}, {@code eventId} and the {@code <eventType>EventAttributes}), and the
 * tasks it puts in task lists; the store commits both with the execution's new state, or nothing.
 */
public final class History {
  /**
   * The most events a run's history holds (SWF developer guide, "Amazon SWF quotas": 25,000, a hard
   * limit); a run whose history reaches it is terminated ({@link #terminateIfFull}).
   */
  public static final int MAX_EVENTS = 25_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DomainId domain;
  private final Execution execution;
  private final long now;
  private final List<ObjectNode> events = new ArrayList<>();
  private final List<QueuedTask> tasks = new ArrayList<>();
  private History successor;
  private final List<Deadlines.Deadline> deadlinesSet = new ArrayList<>();
  private final List<String> deadlinesDropped = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final List<Execution.Activity> closedActivities = new ArrayList<>();
  private boolean touched;

  public History(DomainId domain, Execution execution, long now) {
    this.domain = domain;
    this.execution = execution;
    this.now = now;
  }

  public Execution execution() {
    return execution;
  }

  public long now() {
    return now;
  }

  /**
   * Starts {@code next} (a new run of this workflowId, continue-as-new) in this transaction: the
   * store closes this run and starts it in the same step. Its history to fill.
   */
  public History continueAs(Execution next) {
    successor = new History(domain, next, now);
    return successor;
  }

  /** The run this transaction starts as this one's continuation, or null. */
  public History successor() {
    return successor;
  }

  public List<ObjectNode> events() {
    return List.copyOf(events);
  }

  public List<QueuedTask> tasks() {
    return List.copyOf(tasks);
  }

  /** An empty attributes object to fill. */
  public static ObjectNode attributes() {
    return NODES.objectNode();
  }

  /** Appends an event of {@code type} with {@code attributes}; its eventId. */
  public long append(String type, ObjectNode attributes) {
    long id = execution.nextEventId++;
    ObjectNode event = NODES.objectNode();
    event.put("eventTimestamp", BigDecimal.valueOf(now, 3));
    event.put("eventType", type);
    event.put("eventId", id);
    event.set(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventAttributes", attributes);
    events.add(event);
    return id;
  }

  /**
   * Queues a task scheduled by event {@code scheduledEventId} in {@code list}, with AWS's
   * {@code taskPriority} (null: 0).
   */
  public void queue(TaskListId list, long scheduledEventId, String taskPriority) {
    tasks.add(new QueuedTask(list, new TaskRef(execution.workflowId, execution.runId, scheduledEventId,
        TaskRef.priority(taskPriority))));
  }

  /**
   * Something happened the decider must see: a decision task is scheduled now if there is none,
   * and made due for when the started one completes if there is one.
   */
  public void decisionNeeded() {
    Execution.Decision d = execution.decision;
    switch (d.state) {
      case NONE -> scheduleDecisionTask();
      case STARTED -> d.due = true;
      case SCHEDULED -> { }
    }
  }

  /**
   * Opens a new run's history: WorkflowExecutionStarted with the options it runs with, its
   * {@code input} and, when it continues another run, that run's id; then its first decision task.
   */
  public void startRun(String input, String continuedExecutionRunId) {
    Execution ex = execution;
    ObjectNode a = attributes();
    putIfSet(a, "input", input);
    a.put("executionStartToCloseTimeout", ex.executionStartToCloseTimeout);
    a.put("taskStartToCloseTimeout", ex.taskStartToCloseTimeout);
    a.put("childPolicy", ex.childPolicy);
    a.putObject("taskList").put("name", ex.taskList);
    putIfSet(a, "taskPriority", ex.taskPriority);
    a.putObject("workflowType").put("name", ex.workflowType.name()).put("version", ex.workflowType.version());
    if (!ex.tagList.isEmpty()) {
      ex.tagList.forEach(a.putArray("tagList")::add);
    }
    putIfSet(a, "continuedExecutionRunId", continuedExecutionRunId);
    if (ex.parent != null) {
      a.putObject("parentWorkflowExecution").put("workflowId", ex.parent.workflowId).put("runId", ex.parent.runId);
      a.put("parentInitiatedEventId", ex.parent.initiatedEventId);
    }
    putIfSet(a, "lambdaRole", ex.lambdaRole);
    append("WorkflowExecutionStarted", a);
    timeout(Deadlines.Kind.EXECUTION, null, 0, "START_TO_CLOSE", ex.executionStartToCloseTimeout);
    scheduleDecisionTask();
  }

  /** Appends DecisionTaskScheduled and queues the task in the execution's task list. */
  public void scheduleDecisionTask() {
    Execution.Decision d = execution.decision;
    d.state = DecisionTaskState.TABLE.move(d.state, DecisionTaskState.SCHEDULED);
    ObjectNode a = attributes();
    a.putObject("taskList").put("name", execution.taskList);
    putIfSet(a, "taskPriority", execution.taskPriority);
    putIfSet(a, "startToCloseTimeout", execution.taskStartToCloseTimeout);
    putIfSet(a, "scheduleToStartTimeout", execution.overrideScheduleToStartTimeout);
    d.scheduledEventId = append("DecisionTaskScheduled", a);
    d.scheduledAt = now;
    d.startedEventId = 0;
    d.due = false;
    queue(new TaskListId(domain, TaskListId.Kind.DECISION, execution.taskList), d.scheduledEventId,
        execution.taskPriority);
    if (execution.overrideScheduleToStartTimeout != null) {
      timeout(Deadlines.Kind.DECISION, null, d.scheduledEventId, "SCHEDULE_TO_START",
          execution.overrideScheduleToStartTimeout);
    }
  }

  /**
   * Closes the run as {@code status} and appends its close {@code event}: {@link #close}, and its open
   * children get {@code childPolicy} (those started by a message now, one not started yet when its
   * start is delivered: {@link ChildMessages}); a child run that does not continue as new tells its
   * parent how it closed. The close event's eventId.
   */
  public long closeRun(ExecutionStatus status, String event, ObjectNode attributes, String childPolicy) {
    close(status);
    long id = append(event, attributes);
    // The API reference (StartWorkflowExecution's childPolicy) names termination and timeouts, the
    // developer guide ("Child workflows in Amazon SWF") a parent that ends before its child: every close.
    execution.closedChildPolicy = childPolicy;
    ExecutionKey key = new ExecutionKey(domain, execution.workflowId, execution.runId);
    if (!ChildMessages.ABANDON.equals(childPolicy)) {
      for (Execution.Child child : execution.children.values()) {
        if (child.state == ChildWorkflowState.STARTED) {
          send(ChildMessages.policy(key, child.workflowId, child.initiatedEventId, childPolicy));
        }
      }
    }
    if (execution.parent != null && status != ExecutionStatus.CONTINUED_AS_NEW) {
      send(ChildMessages.closed(key, execution, status, attributes));
    }
    return id;
  }

  /**
   * Closes the execution as {@code status}; its open tasks are no longer handed out, its timers end,
   * and its state and history are deleted once its domain's retention period is over
   * ({@link #closeRun} also records the close and carries it to children and parent).
   */
  public void close(ExecutionStatus status) {
    execution.status = ExecutionStatus.TABLE.move(execution.status, status);
    execution.closed = now;
    deadlinesSet.add(new Deadlines.Deadline(Deadlines.Kind.RETENTION, null, 0, null,
        Deadlines.retentionEnd(now, execution.retentionDays)));
    for (String timerId : List.copyOf(execution.timers.keySet())) {
      endTimer(timerId);
    }
    endTimeouts(Deadlines.Kind.EXECUTION, null, 0);
    Execution.Decision d = execution.decision;
    if (d.state != DecisionTaskState.NONE) {
      endTimeouts(Deadlines.Kind.DECISION, null, d.scheduledEventId);
    }
    execution.activities.values().forEach(a -> endTimeouts(Deadlines.Kind.ACTIVITY, a.activityId, a.scheduledEventId));
    execution.lambdas.values().forEach(l -> endTimeouts(Deadlines.Kind.LAMBDA, l.id, l.scheduledEventId));
  }

  /**
   * Drops the timeouts of the entity {@code name} set up by event {@code eventId} (it closed): the
   * scheduler removes them once this transaction committed, so they never come due for nothing.
   */
  public void endTimeouts(Deadlines.Kind kind, String name, long eventId) {
    for (String type : Deadlines.timeoutTypes(kind)) {
      endTimeout(kind, name, eventId, type);
    }
  }

  /** Drops one timeout of the entity (it moved past it, e.g. the task started). */
  public void endTimeout(Deadlines.Kind kind, String name, long eventId, String timeoutType) {
    deadlinesDropped.add(new Deadlines.Deadline(kind, name, eventId, timeoutType, 0).id());
  }

  /** Records that activity task {@code a} closed: it leaves the open tasks ({@link #closedActivities}). */
  public void activityClosed(Execution.Activity a) {
    execution.activities.remove(a.activityId);
    closedActivities.add(a);
  }

  /** The activity tasks this transaction closed, as they were when they closed. */
  public List<Execution.Activity> closedActivities() {
    return List.copyOf(closedActivities);
  }

  /** Notes a change to the execution's state that appends no event (a heartbeat): it is committed too. */
  public void touch() {
    touched = true;
  }

  /** Whether the transaction has anything to commit: events, deadlines or a {@linkplain #touch touched} state. */
  public boolean changed() {
    return touched || !events.isEmpty() || !deadlinesSet.isEmpty() || !deadlinesDropped.isEmpty();
  }

  /**
   * Terminates the run, still open after this transaction's change, if its history has reached
   * {@link #MAX_EVENTS} less the WorkflowExecutionTerminated event (cause {@code EVENT_LIMIT_EXCEEDED},
   * WorkflowExecutionTerminatedEventAttributes; its child policy applied to its children, its parent
   * told, as {@link #closeRun} does): that event is then the 25,000th, or a later one when the change
   * appended several events past the limit (a transaction is not cut).
   */
  public void terminateIfFull() {
    if (execution.status.open() && execution.nextEventId >= MAX_EVENTS) {
      ObjectNode a = attributes();
      a.put("childPolicy", execution.childPolicy);
      a.put("cause", "EVENT_LIMIT_EXCEEDED");
      closeRun(ExecutionStatus.TERMINATED, "WorkflowExecutionTerminated", a, execution.childPolicy);
    }
  }

  /** Starts {@code timer}: the scheduler gets it once this transaction committed. */
  public void startTimer(Execution.Timer timer) {
    execution.timers.put(timer.timerId, timer);
    deadlinesSet.add(new Deadlines.Deadline(Deadlines.Kind.TIMER, timer.timerId, timer.startedEventId, null,
        timer.fireAt));
  }

  /** Ends the timer (fired or canceled): the scheduler drops it once this transaction committed. */
  public void endTimer(String timerId) {
    Execution.Timer timer = execution.timers.remove(timerId);
    if (timer != null) {
      deadlinesDropped.add(new Deadlines.Deadline(Deadlines.Kind.TIMER, timerId, timer.startedEventId, null, 0).id());
    }
  }

  /**
   * Sets a timeout of {@code kind} for the entity {@code name} set up by event {@code eventId}, due
   * {@code seconds} from now (nothing for {@code NONE}); it takes effect only if the entity is still
   * where it was then.
   */
  public void timeout(Deadlines.Kind kind, String name, long eventId, String timeoutType, String seconds) {
    long dueAt = Deadlines.after(now, seconds);
    if (dueAt >= 0) {
      deadlinesSet.add(new Deadlines.Deadline(kind, name, eventId, timeoutType, dueAt));
    }
  }

  /** The deadlines this transaction set, for the scheduler once it committed. */
  public List<Deadlines.Deadline> deadlinesSet() {
    return List.copyOf(deadlinesSet);
  }

  /** The item ids of the deadlines this transaction dropped. */
  public List<String> deadlinesDropped() {
    return List.copyOf(deadlinesDropped);
  }

  /** Sends {@code message} to another run once this transaction committed. */
  public void send(Message message) {
    messages.add(message);
  }

  /** The messages this transaction sends. */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /**
   * Notes that this run received message {@code messageId}; false if it had already (a message
   * delivered again after a crash), when the transaction must not apply it again.
   */
  public boolean firstDelivery(String messageId) {
    return execution.received.add(messageId);
  }

  public static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

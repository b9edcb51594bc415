package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.ExecutionStore.QueuedTask;
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
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DomainId domain;
  private final Execution execution;
  private final long now;
  private final List<ObjectNode> events = new ArrayList<>();
  private final List<QueuedTask> tasks = new ArrayList<>();

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

  /** Queues a task scheduled by event {@code scheduledEventId} in {@code list}. */
  public void queue(TaskListId list, long scheduledEventId) {
    tasks.add(new QueuedTask(list, new TaskRef(execution.workflowId, execution.runId, scheduledEventId)));
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

  /** Appends DecisionTaskScheduled and queues the task in the execution's task list. */
  public void scheduleDecisionTask() {
    Execution.Decision d = execution.decision;
    d.state = DecisionTaskState.TABLE.move(d.state, DecisionTaskState.SCHEDULED);
    ObjectNode a = attributes();
    a.putObject("taskList").put("name", execution.taskList);
    putIfSet(a, "taskPriority", execution.taskPriority);
    putIfSet(a, "startToCloseTimeout", execution.taskStartToCloseTimeout);
    d.scheduledEventId = append("DecisionTaskScheduled", a);
    d.startedEventId = 0;
    d.due = false;
    queue(new TaskListId(domain, TaskListId.Kind.DECISION, execution.taskList), d.scheduledEventId);
  }

  /** Closes the execution as {@code status}; its open tasks are no longer handed out. */
  public void close(ExecutionStatus status) {
    execution.status = ExecutionStatus.TABLE.move(execution.status, status);
    execution.closed = now;
  }

  public static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

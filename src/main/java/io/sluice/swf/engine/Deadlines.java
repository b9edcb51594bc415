package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.ExecutionStore;
import java.io.IOException;
import java.util.List;

/**
 * What falls due in SWF, as items of the shared durable scheduler ({@link #SCHEDULER}): timers and
 * timeouts (a decision task's start-to-close; an activity task's schedule-to-start, schedule-to-close,
 * start-to-close and heartbeat; a Lambda task's start-to-close; an execution's start-to-close), a closed run's
 * end of retention, and the {@link Effects} of a committed transaction. An item's partition is the
 * workflowId ({@link ExecutionStore#deadlinePartition}), committed in the same step as the run's state;
 * its id starts with the runId; its payload names the run, the kind, the entity (timerId, activityId or
 * Lambda task id) and the eventId it was set for. It takes effect only if the run still has that entity
 * in the state it was set for, so an item that outlived its cause (the task answered, the timer
 * canceled, the run closed) does nothing.
 */
public final class Deadlines {
  /** The scheduler's name. */
  public static final String SCHEDULER = "swf-timers";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Deadlines() {}

  /** What falls due. */
  public enum Kind { TIMER, DECISION, ACTIVITY, LAMBDA, EXECUTION, RETENTION, EFFECTS }

  /**
   * One deadline of a run.
   *
   * @param name        the timerId, activityId or Lambda task id; null for the decision task, the
   *                    execution and retention
   * @param eventId     the timer's TimerStarted, the task's …TaskScheduled (LambdaFunctionScheduled); 0
   *                    for the execution and retention; for effects, the run's version the transaction
   *                    committed
   * @param timeoutType AWS's timeout type ({@code START_TO_CLOSE}, …); null for a timer
   * @param dueAt       epoch millis
   */
  public record Deadline(Kind kind, String name, long eventId, String timeoutType, long dueAt) {
    /** Its item id in the run's partition. */
    public String id() {
      return kind + "/" + (name == null ? "" : name) + "/" + eventId + "/" + (timeoutType == null ? "" : timeoutType);
    }
  }

  /** An item's payload: the run and the deadline, and for {@link Kind#EFFECTS} the work to do. */
  public record Due(String region, String account, String domain, String workflowId, String runId, Deadline deadline,
                    Effects effects) {
    public ExecutionKey execution() {
      return new ExecutionKey(new DomainId(region, account, domain), workflowId, runId);
    }
  }

  /** The timeout types an entity of {@code kind} may have set. */
  public static List<String> timeoutTypes(Kind kind) {
    return switch (kind) {
      case ACTIVITY -> List.of("SCHEDULE_TO_START", "SCHEDULE_TO_CLOSE", "START_TO_CLOSE", "HEARTBEAT");
      case DECISION -> List.of("SCHEDULE_TO_START", "START_TO_CLOSE");
      case LAMBDA, EXECUTION -> List.of("START_TO_CLOSE");
      default -> List.of();
    };
  }

  /** The item of {@code key}'s deadline {@code deadline}, free. */
  public static Scheduler.Item item(ExecutionKey key, Deadline deadline) {
    return item(key, deadline, null, null);
  }

  /**
   * The item of {@code key}'s effects committed at {@code version}, held by {@code holder} (the node
   * that commits them and carries them out) until {@code leaseUntil}.
   */
  public static Scheduler.Item effects(ExecutionKey key, long version, Effects effects, String holder,
                                       long leaseUntil) {
    return item(key, new Deadline(Kind.EFFECTS, null, version, null, leaseUntil), effects, holder);
  }

  private static Scheduler.Item item(ExecutionKey key, Deadline deadline, Effects effects, String holder) {
    Due due = new Due(key.domain().region(), key.domain().account(), key.domain().name(), key.workflowId(),
        key.runId(), deadline, effects);
    try {
      return new Scheduler.Item(id(key, deadline), ExecutionStore.deadlinePartition(key), null, 0, deadline.dueAt(),
          null, JSON.writeValueAsBytes(due), holder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The item id of {@code key}'s deadline {@code deadline} in the workflowId's partition. */
  public static String id(ExecutionKey key, Deadline deadline) {
    return key.runId() + "/" + deadline.id();
  }

  /** The item id of a closed run's retention end ({@link History#closeRun}), whenever it is due. */
  public static String retentionItemId(ExecutionKey key) {
    return id(key, new Deadline(Kind.RETENTION, null, 0, null, 0));
  }

  /** The item of {@code key}'s {@code deadline}, by reference. */
  public static Scheduler.ItemRef ref(ExecutionKey key, Deadline deadline) {
    return new Scheduler.ItemRef(ExecutionStore.deadlinePartition(key), id(key, deadline));
  }

  public static Due due(Scheduler.Item item) {
    try {
      return JSON.readValue(item.payload(), Due.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable SWF deadline", e);
    }
  }

  /**
   * When a run closed at {@code closed} leaves its domain's retention of {@code retentionDays} ("0" to
   * "90", or NONE: kept for none, RegisterDomain); at once when the retention is not known (the driver
   * then reads it and sets the deadline again).
   */
  public static long retentionEnd(long closed, String retentionDays) {
    if (retentionDays == null || retentionDays.equals("NONE")) {
      return closed;
    }
    return closed + Long.parseLong(retentionDays) * 86_400_000L;
  }

  /** {@code seconds} (AWS's duration: seconds, or NONE) after {@code from}; -1 for NONE or none. */
  public static long after(long from, String seconds) {
    if (seconds == null || seconds.equals("NONE")) {
      return -1;
    }
    return from + Long.parseLong(seconds) * 1000;
  }
}

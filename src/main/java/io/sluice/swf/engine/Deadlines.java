package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import java.io.IOException;

/**
 * What falls due in SWF, as items of the shared durable scheduler ({@link #SCHEDULER}): timers and
 * timeouts (a decision task's start-to-close; an activity task's schedule-to-start, schedule-to-close
 * and start-to-close; an execution's start-to-close). An item's partition is the run; its payload
 * names the run, the kind, the entity (timerId or activityId) and the eventId it was set for. It
 * takes effect only if the run still has that entity in the state it was set for, so an item that
 * outlived its cause (the task answered, the timer canceled, the run closed) does nothing.
 */
public final class Deadlines {
  /** The scheduler's name. */
  public static final String SCHEDULER = "swf-timers";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Deadlines() {}

  /** What falls due. */
  public enum Kind { TIMER, DECISION, ACTIVITY, EXECUTION }

  /**
   * One deadline of a run.
   *
   * @param name        the timerId or activityId; null for the decision task and the execution
   * @param eventId     the timer's TimerStarted, the task's …TaskScheduled; 0 for the execution
   * @param timeoutType AWS's timeout type ({@code START_TO_CLOSE}, …); null for a timer
   * @param dueAt       epoch millis
   */
  public record Deadline(Kind kind, String name, long eventId, String timeoutType, long dueAt) {
    /** Its item id in the run's partition. */
    public String id() {
      return kind + "/" + (name == null ? "" : name) + "/" + eventId + "/" + (timeoutType == null ? "" : timeoutType);
    }
  }

  /** An item's payload: the run and the deadline. */
  public record Due(String region, String account, String domain, String workflowId, String runId, Deadline deadline) {
    public ExecutionKey execution() {
      return new ExecutionKey(new DomainId(region, account, domain), workflowId, runId);
    }
  }

  public static String partition(ExecutionKey key) {
    return key.tag() + "/" + key.runId();
  }

  public static Scheduler.Item item(ExecutionKey key, Deadline deadline) {
    Due due = new Due(key.domain().region(), key.domain().account(), key.domain().name(), key.workflowId(),
        key.runId(), deadline);
    try {
      return new Scheduler.Item(deadline.id(), partition(key), null, 0, deadline.dueAt(), null,
          JSON.writeValueAsBytes(due), null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Due due(Scheduler.Item item) {
    try {
      return JSON.readValue(item.payload(), Due.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable SWF deadline", e);
    }
  }

  /** {@code seconds} (AWS's duration: seconds, or NONE) after {@code from}; -1 for NONE or none. */
  public static long after(long from, String seconds) {
    if (seconds == null || seconds.equals("NONE")) {
      return -1;
    }
    return from + Long.parseLong(seconds) * 1000;
  }
}

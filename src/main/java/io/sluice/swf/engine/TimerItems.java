package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import java.io.IOException;

/**
 * SWF timers as items of the shared durable scheduler ({@link #SCHEDULER}): one item per started
 * timer, its partition the run, its id the timerId, due when the timer fires, its payload the run
 * and the timer's started eventId. A timer fires only if the run still has it under that eventId,
 * so an item that outlived its timer (canceled, or its run closed) is harmless.
 */
public final class TimerItems {
  /** The scheduler's name. */
  public static final String SCHEDULER = "swf-timers";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private TimerItems() {}

  /** What an item names. */
  public record Due(String region, String account, String domain, String workflowId, String runId, String timerId,
                    long startedEventId) {
    public ExecutionKey execution() {
      return new ExecutionKey(new DomainId(region, account, domain), workflowId, runId);
    }
  }

  public static String partition(ExecutionKey key) {
    return key.tag() + "/" + key.runId();
  }

  public static Scheduler.Item item(ExecutionKey key, Execution.Timer timer) {
    Due due = new Due(key.domain().region(), key.domain().account(), key.domain().name(), key.workflowId(),
        key.runId(), timer.timerId, timer.startedEventId);
    try {
      return new Scheduler.Item(timer.timerId, partition(key), null, 0, timer.fireAt, null, JSON.writeValueAsBytes(due),
          null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Due due(Scheduler.Item item) {
    try {
      return JSON.readValue(item.payload(), Due.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable SWF timer item", e);
    }
  }
}

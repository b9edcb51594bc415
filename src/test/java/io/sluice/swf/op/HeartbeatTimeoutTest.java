package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.testing.Await;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An activity task's heartbeat timeout (the decision's {@code heartbeatTimeout} or the type's
 * default): each RecordActivityTaskHeartbeat renews it, and a started task that goes a whole timeout
 * without one times out as HEARTBEAT with the latest heartbeat's details; one scheduler item per task.
 */
class HeartbeatTimeoutTest {

  /** Schedules activity a1 of the run's first decision task and starts it; its task token. */
  private static String startA1(Runs runs) {
    runs.decide(Runs.schedule("a1", ""));
    return runs.pollActivity();
  }

  @Test
  void aStartedTaskWithoutAHeartbeatWithinItsTimeoutTimesOutWithTheLatestDetails() {
    // Given a task of the type's 10 s heartbeat timeout, started at 0
    Runs runs = new Runs("10");
    String runId = runs.start("w1");
    String work = startA1(runs);

    // When heartbeats come at 5 s and 14 s, then none
    runs.swf.clock.advanceSeconds(5);
    runs.heartbeat(work, "half");
    runs.advance(5);
    runs.swf.clock.advanceSeconds(4);
    runs.heartbeat(work, "most");
    runs.advance(1);
    List<JsonNode> before = runs.attributes("w1", runId, "ActivityTaskTimedOut");
    runs.advance(8);
    List<JsonNode> early = runs.attributes("w1", runId, "ActivityTaskTimedOut");
    runs.advance(1);

    // Then it times out 10 s after the last one, at 24 s, with its details; the worker's token is stale
    assertEquals(List.of(), before);
    assertEquals(List.of(), early);
    List<JsonNode> timedOut = runs.attributes("w1", runId, "ActivityTaskTimedOut");
    assertEquals(1, timedOut.size());
    assertEquals("HEARTBEAT", timedOut.get(0).get("timeoutType").asText());
    assertEquals("most", timedOut.get(0).get("details").asText());
    assertEquals("UnknownResourceFault", runs.swf.errorCode(RecordActivityTaskHeartbeat::new,
        "{\"taskToken\":\"" + work + "\"}"));
    List<JsonNode> events = runs.events("w1", runId);
    assertEquals("DecisionTaskScheduled", events.getLast().get("eventType").asText());
    assertEquals(1_700_000_024L, events.getLast().get("eventTimestamp").asLong());
  }

  @Test
  void heartbeatsRenewOneSchedulerItemRatherThanAddingOne() {
    Runs runs = new Runs("10");
    String runId = runs.start("w1");
    String work = startA1(runs);
    long scheduledEventId = runs.attributes("w1", runId, "ActivityTaskStarted").get(0).get("scheduledEventId").asLong();
    Scheduler.ItemRef item = Deadlines.ref(new ExecutionKey(new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT,
        "orders"), "w1", runId), new Deadlines.Deadline(Deadlines.Kind.ACTIVITY, "a1", scheduledEventId, "HEARTBEAT", 0));

    for (int second = 1; second <= 30; second++) {
      runs.swf.clock.advanceSeconds(1);
      runs.heartbeat(work, "at " + second);
      Await.await(runs.driver.tick());
    }

    // Then after 30 heartbeats the task's one heartbeat item falls due 10 s after the last, and nothing timed out
    Scheduler.Item held = ((InMemoryScheduler) runs.swf.timers).find(item);
    assertNotNull(held);
    assertEquals(1_700_000_040_000L, held.dueAt());
    assertEquals(List.of(), runs.attributes("w1", runId, "ActivityTaskTimedOut"));
    runs.advance(10);
    assertEquals("at 30", runs.attributes("w1", runId, "ActivityTaskTimedOut").get(0).get("details").asText());
  }

  @Test
  void theDecisionsHeartbeatTimeoutOverridesTheTypesNone() {
    Runs runs = new Runs("NONE");
    String runId = runs.start("w1");
    runs.decide(Runs.schedule("a1", ",\"heartbeatTimeout\":\"5\"") + "," + Runs.schedule("a2", ""));
    runs.pollActivity();
    runs.pollActivity();

    runs.advance(5);

    // Then a1 timed out on its heartbeat, a2 (no heartbeat timeout) still runs until its start-to-close
    List<JsonNode> timedOut = runs.attributes("w1", runId, "ActivityTaskTimedOut");
    assertEquals(1, timedOut.size());
    assertEquals("HEARTBEAT", timedOut.get(0).get("timeoutType").asText());
    assertTrue(timedOut.get(0).path("details").isMissingNode());
    assertEquals(1, runs.describe("w1", runId).get("openCounts").get("openActivityTasks").asInt());
    runs.advance(115);
    assertEquals("START_TO_CLOSE", runs.attributes("w1", runId, "ActivityTaskTimedOut").get(1).get("timeoutType")
        .asText());
  }

  @Test
  void aHeartbeatTimeoutThatIsNotADurationIsInvalid() {
    Runs runs = new Runs("NONE");
    runs.start("w1");

    String code = runs.swf.errorCode(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + runs.pollDecision()
        + "\",\"decisions\":[" + Runs.schedule("a1", ",\"heartbeatTimeout\":\"soon\"") + "]}");

    assertEquals("ValidationException", code);
  }
}

package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.TimerDriver;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.TaskListStore;
import io.sluice.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a committed transaction leaves to do elsewhere is never lost: tasks not queued because the
 * node failed right after the commit are queued by the next timer tick once the committing node's lease
 * ended. Closed runs are deleted when their domain's retention ends. Task lists hand out the highest
 * taskPriority first.
 */
class DurabilityOperationsTest {
  /** A task list store whose queue fails while {@link #down} is set, as a node that died would. */
  private static final TaskListId DECISIONS = new TaskListId(
      new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT, "orders"), TaskListId.Kind.DECISION, "decide");
  private final AtomicBoolean down = new AtomicBoolean();
  private final InMemoryTaskListStore lists = new InMemoryTaskListStore();
  private MemorySwf swf;
  private TimerDriver driver;

  @BeforeEach
  void domainAndTypes() {
    swf = new MemorySwf(MemorySwf.CONFIGURED, new TaskListStore() {
      @Override
      public CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks) {
        return down.get() ? CompletableFuture.failedFuture(new IllegalStateException("node gone"))
            : lists.queue(list, tasks);
      }

      @Override
      public CompletionStage<Optional<Taken>> take(TaskListId list, long now) {
        return lists.take(list, now);
      }

      @Override
      public CompletionStage<Void> ack(TaskListId list, String receipt) {
        return lists.ack(list, receipt);
      }

      @Override
      public CompletionStage<Void> release(TaskListId list, String receipt) {
        return lists.release(list, receipt);
      }

      @Override
      public CompletionStage<Long> pending(TaskListId list) {
        return lists.pending(list);
      }
    });
    driver = new TimerDriver(swf.services, "node-b");
    swf.domain("orders");
    swf.call(RegisterDomain::new, "{\"name\":\"fleeting\",\"workflowExecutionRetentionPeriodInDays\":\"NONE\"}");
    for (String domain : List.of("orders", "fleeting")) {
      swf.call(RegisterWorkflowType::new, "{\"domain\":\"" + domain + "\",\"name\":\"flow\",\"version\":\"1\","
          + "\"defaultTaskList\":{\"name\":\"decide\"},\"defaultChildPolicy\":\"TERMINATE\","
          + "\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\"}");
    }
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"workers\"},\"defaultTaskScheduleToStartTimeout\":\"600\","
        + "\"defaultTaskScheduleToCloseTimeout\":\"1200\",\"defaultTaskStartToCloseTimeout\":\"600\"}");
  }

  private String start(String domain, String workflowId, String priority) {
    return swf.call(StartWorkflowExecution::new, "{\"domain\":\"" + domain + "\",\"workflowId\":\"" + workflowId
        + "\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}"
        + (priority == null ? "" : ",\"taskPriority\":\"" + priority + "\"") + "}").get("runId").asText();
  }

  private JsonNode poll(String domain, String kind, String list) {
    return swf.call(kind.equals("decision") ? PollForDecisionTask::new : PollForActivityTask::new,
        "{\"domain\":\"" + domain + "\",\"taskList\":{\"name\":\"" + list + "\"}}");
  }

  private int openRuns() {
    return swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\",\"startTimeFilter\":{\"oldestDate\":0}}")
        .get("count").asInt();
  }

  private String history(String domain, String workflowId, String runId) {
    return "{\"domain\":\"" + domain + "\",\"execution\":{\"workflowId\":\"" + workflowId + "\",\"runId\":\"" + runId
        + "\"}}";
  }

  @Test
  void aTaskTheCommittingNodeFailedToQueueIsQueuedByAnotherNodeOnceItsLeaseEnds() {
    // Given a start committed by a node that failed before queueing the decision task
    down.set(true);
    String runId = start("orders", "w1", null);
    down.set(false);
    assertEquals(0L, Await.await(lists.pending(DECISIONS)));
    assertEquals(0, openRuns());

    // When another node's driver ticks before and after the committing node's lease ended
    swf.clock.advanceMillis(Histories.EFFECTS_LEASE_MILLIS - 1);
    Await.await(driver.tick());
    assertEquals(0L, Await.await(lists.pending(DECISIONS)));
    swf.clock.advanceMillis(1);
    Await.await(driver.tick());

    // Then the decision task is there, once, and the run is listed
    assertEquals(1L, Await.await(lists.pending(DECISIONS)));
    assertEquals(1, openRuns());
    JsonNode task = poll("orders", "decision", "decide");
    assertEquals(runId, task.get("workflowExecution").get("runId").asText());
    Await.await(driver.tick());
    assertEquals(0L, Await.await(lists.pending(DECISIONS)));
  }

  @Test
  void aClosedRunIsDeletedWhenItsDomainsRetentionEnds() {
    String kept = start("orders", "w1", null);
    String fleeting = start("fleeting", "w1", null);
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"fleeting\",\"workflowId\":\"w1\"}");

    Await.await(driver.tick());
    // NONE keeps no closed run; 7 days keep it for 7 days
    assertEquals("UnknownResourceFault", swf.errorCode(GetWorkflowExecutionHistory::new,
        history("fleeting", "w1", fleeting)));
    swf.clock.advanceSeconds(7 * 86_400 - 1);
    Await.await(driver.tick());
    assertEquals("WorkflowExecutionTerminated", last(swf.call(GetWorkflowExecutionHistory::new,
        history("orders", "w1", kept))));
    swf.clock.advanceSeconds(1);
    Await.await(driver.tick());
    assertEquals("UnknownResourceFault", swf.errorCode(GetWorkflowExecutionHistory::new,
        history("orders", "w1", kept)));
  }

  private static String last(JsonNode history) {
    JsonNode events = history.get("events");
    return events.get(events.size() - 1).get("eventType").asText();
  }

  @Test
  void tasksOfAHigherPriorityAreHandedOutFirst() {
    start("orders", "low", "-3");
    start("orders", "none", null);
    start("orders", "high", "7");

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.add(poll("orders", "decision", "decide").get("workflowExecution").get("workflowId").asText());
    }
    assertEquals(List.of("high", "none", "low"), order);
  }

  @Test
  void aWorkflowRunToCompletionLeavesNoTimeoutToComeDueForNothing() {
    String runId = start("orders", "w1", null);
    JsonNode decision = poll("orders", "decision", "decide");
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + decision.get("taskToken").asText()
        + "\",\"decisions\":[{\"decisionType\":\"ScheduleActivityTask\",\"scheduleActivityTaskDecisionAttributes\":"
        + "{\"activityType\":{\"name\":\"work\",\"version\":\"1\"},\"activityId\":\"a1\"}}]}");
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\""
        + poll("orders", "activity", "workers").get("taskToken").asText() + "\"}");
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\""
        + poll("orders", "decision", "decide").get("taskToken").asText()
        + "\",\"decisions\":[{\"decisionType\":\"CompleteWorkflowExecution\"}]}");
    assertEquals("WorkflowExecutionCompleted", last(swf.call(GetWorkflowExecutionHistory::new,
        history("orders", "w1", runId))));

    // every timeout (decision, activity, execution) ended with its entity; only the retention is left
    long inADay = swf.clock.millis() + 86_400_000L;
    assertEquals(List.of(), Await.await(swf.timers.claim(inADay, 100, "probe", inADay + 1_000)));
    assertEquals(1, Await.await(swf.timers.claim(inADay * 2, 100, "probe", inADay * 2)).size());
  }
}

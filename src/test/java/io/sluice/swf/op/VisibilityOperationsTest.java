package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.Operation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.TimerDriver;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.swf.store.VisibilityStore;
import io.sluice.testing.Await;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The visibility actions on the memory engine with a manual clock: open and closed runs listed newest
 * first (or reversed) in pages, their filters and AWS's rules on combining them, counts, closed runs
 * kept for the domain's retention only, and the pending task counts of task lists.
 */
class VisibilityOperationsTest {
  /** The manual clock's start, in epoch seconds. */
  private static final long T0 = 1_700_000_000L;
  private static final String SINCE = "\"startTimeFilter\":{\"oldestDate\":" + T0 + "}";
  /** The visibility index the actions read, looked at directly where retention must not hide a run. */
  private final InMemoryVisibilityStore index = new InMemoryVisibilityStore();
  private MemorySwf swf;

  @BeforeEach
  void domainAndTypes() {
    swf = new MemorySwf(MemorySwf.CONFIGURED, new InMemoryTaskListStore(), index);
    swf.domain("orders");
    swf.flowType("orders", "1");
    swf.flowType("orders", "2");
  }

  private String start(String workflowId, String version, String tag) {
    String runId = swf.call(StartWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId
        + "\",\"workflowType\":{\"name\":\"flow\",\"version\":\"" + version + "\"},\"tagList\":[\"" + tag + "\"]}")
        .get("runId").asText();
    swf.clock.advanceSeconds(10);
    return runId;
  }

  private void terminate(String workflowId) {
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId + "\"}");
    swf.clock.advanceSeconds(10);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("executionInfos").forEach(i -> ids.add(i.get("execution").get("workflowId").asText()));
    return ids;
  }

  private JsonNode listOpen(String more) {
    return swf.call(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + more + "}");
  }

  @Test
  void openRunsAreListedNewestFirstOrReversedInPages() {
    start("w1", "1", "a");
    start("w2", "1", "a");
    start("w3", "1", "a");
    terminate("w2");

    assertEquals(List.of("w3", "w1"), ids(listOpen("")));
    assertEquals(List.of("w1", "w3"), ids(listOpen(",\"reverseOrder\":true")));
    JsonNode first = listOpen(",\"maximumPageSize\":1");
    assertEquals(List.of("w3"), ids(first));
    JsonNode second = listOpen(",\"maximumPageSize\":1,\"nextPageToken\":\"" + first.get("nextPageToken").asText()
        + "\"");
    assertEquals(List.of("w1"), ids(second));
    assertFalse(second.has("nextPageToken") && !second.get("nextPageToken").isNull());
    JsonNode info = listOpen("").get("executionInfos").get(0);
    assertEquals("OPEN", info.get("executionStatus").asText());
    assertEquals("flow", info.get("workflowType").get("name").asText());
    assertEquals("a", info.get("tagList").get(0).asText());
    assertEquals(T0 + 20, info.get("startTimestamp").asLong());
  }

  @Test
  void openRunsAreFilteredByStartTimeTypeTagAndWorkflowId() {
    start("w1", "1", "a");
    start("w2", "2", "b");
    start("w3", "1", "b");

    assertEquals(List.of("w3", "w2"), ids(swf.call(ListOpenWorkflowExecutions::new,
        "{\"domain\":\"orders\",\"startTimeFilter\":{\"oldestDate\":" + (T0 + 10) + "}}")));
    assertEquals(List.of("w2", "w1"), ids(swf.call(ListOpenWorkflowExecutions::new,
        "{\"domain\":\"orders\",\"startTimeFilter\":{\"oldestDate\":" + T0 + ",\"latestDate\":" + (T0 + 10) + "}}")));
    assertEquals(List.of("w3", "w1"), ids(listOpen(",\"typeFilter\":{\"name\":\"flow\",\"version\":\"1\"}")));
    assertEquals(List.of("w3", "w2", "w1"), ids(listOpen(",\"typeFilter\":{\"name\":\"flow\"}")));
    assertEquals(List.of("w3", "w2"), ids(listOpen(",\"tagFilter\":{\"tag\":\"b\"}")));
    assertEquals(List.of("w2"), ids(listOpen(",\"executionFilter\":{\"workflowId\":\"w2\"}")));
    assertEquals(2, swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE
        + ",\"tagFilter\":{\"tag\":\"b\"}}").get("count").asInt());
    assertFalse(swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + "}")
        .get("truncated").asBoolean());
  }

  @Test
  void filtersAreCombinedOnlyAsAwsAllows() {
    assertEquals("ValidationException", swf.errorCode(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\","
        + SINCE + ",\"tagFilter\":{\"tag\":\"a\"},\"executionFilter\":{\"workflowId\":\"w\"}}"));
    assertEquals("ValidationException", swf.errorCode(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\"}"));
    assertEquals("ValidationException", swf.errorCode(ListClosedWorkflowExecutions::new, "{\"domain\":\"orders\"}"));
    assertEquals("ValidationException", swf.errorCode(ListClosedWorkflowExecutions::new, "{\"domain\":\"orders\","
        + SINCE + ",\"closeTimeFilter\":{\"oldestDate\":" + T0 + "}}"));
    assertEquals("ValidationException", swf.errorCode(CountClosedWorkflowExecutions::new, "{\"domain\":\"orders\","
        + SINCE + ",\"closeStatusFilter\":{\"status\":\"TERMINATED\"},\"typeFilter\":{\"name\":\"flow\"}}"));
    assertEquals("UnknownResourceFault", swf.errorCode(ListOpenWorkflowExecutions::new,
        "{\"domain\":\"nope\"," + SINCE + "}"));
  }

  @Test
  void closedRunsAreListedByStartOrCloseTimeAndCloseStatus() {
    start("w1", "1", "a");
    start("w2", "1", "a");
    start("w3", "1", "a");
    terminate("w1");
    terminate("w3");
    terminate("w2");

    JsonNode byStart = swf.call(ListClosedWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + "}");
    assertEquals(List.of("w3", "w2", "w1"), ids(byStart));
    assertEquals("CLOSED", byStart.get("executionInfos").get(0).get("executionStatus").asText());
    assertEquals("TERMINATED", byStart.get("executionInfos").get(0).get("closeStatus").asText());
    assertEquals(List.of("w2", "w3", "w1"), ids(swf.call(ListClosedWorkflowExecutions::new,
        "{\"domain\":\"orders\",\"closeTimeFilter\":{\"oldestDate\":" + T0 + "}}")));
    assertEquals(List.of("w2", "w3"), ids(swf.call(ListClosedWorkflowExecutions::new,
        "{\"domain\":\"orders\",\"closeTimeFilter\":{\"oldestDate\":" + (T0 + 40) + "}}")));
    assertEquals(3, swf.call(CountClosedWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE
        + ",\"closeStatusFilter\":{\"status\":\"TERMINATED\"}}").get("count").asInt());
    assertEquals(0, swf.call(CountClosedWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE
        + ",\"closeStatusFilter\":{\"status\":\"COMPLETED\"}}").get("count").asInt());
    assertEquals(0, swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + "}")
        .get("count").asInt());
  }

  @Test
  void closedRunsAreShownForTheDomainsRetentionOnly() {
    start("w1", "1", "a");
    terminate("w1");
    String closed = "{\"domain\":\"orders\"," + SINCE + "}";

    swf.clock.advanceSeconds(7 * 86_400 - 20);
    assertEquals(1, swf.call(CountClosedWorkflowExecutions::new, closed).get("count").asInt());
    swf.clock.advanceSeconds(30);
    assertEquals(0, swf.call(CountClosedWorkflowExecutions::new, closed).get("count").asInt());
    assertTrue(ids(swf.call(ListClosedWorkflowExecutions::new, closed)).isEmpty());
  }

  /** Every page of the listing {@code request} names, {@code size} runs at a time, by their runIds. */
  private List<String> pagedRunIds(Function<SwfServices, ? extends Operation<?, ?>> action, String request,
                                   int size) {
    List<String> runIds = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = swf.call(action, request.substring(0, request.length() - 1) + ",\"maximumPageSize\":" + size
          + (token == null ? "" : ",\"nextPageToken\":\"" + token + "\"") + "}");
      assertTrue(page.get("executionInfos").size() <= size);
      page.get("executionInfos").forEach(i -> runIds.add(i.get("execution").get("runId").asText()));
      token = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
    } while (token != null);
    return runIds;
  }

  @Test
  void runsStartedAtOneTimeAreOrderedByWorkflowIdAndPagedWithoutGapsOrRepeats() {
    List<List<String>> started = new ArrayList<>();
    for (int second = 0; second < 3; second++) {
      for (String workflowId : List.of("b" + second, "a1" + second + "0", "c" + second, "a1" + second)) {
        started.add(List.of(Integer.toString(second), workflowId, swf.call(StartWorkflowExecution::new,
            "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId + "\",\"workflowType\":{\"name\":\"flow\","
            + "\"version\":\"1\"}}").get("runId").asText()));
      }
      swf.clock.advanceSeconds(1);
    }
    List<String> expected = started.stream().sorted(Comparator.<List<String>, String>comparing(r -> r.get(0))
        .thenComparing(r -> r.get(1))).map(r -> r.get(2)).toList();
    String request = "{\"domain\":\"orders\"," + SINCE + "}";

    assertEquals(expected, pagedRunIds(ListOpenWorkflowExecutions::new,
        "{\"domain\":\"orders\"," + SINCE + ",\"reverseOrder\":true}", 5));
    assertEquals(expected.reversed(), pagedRunIds(ListOpenWorkflowExecutions::new, request, 5));
    assertEquals(expected.reversed(), pagedRunIds(ListOpenWorkflowExecutions::new, request, 1000));
    for (int second = 0; second < 3; second++) {
      terminate("b" + second);
    }
    assertEquals(3, pagedRunIds(ListClosedWorkflowExecutions::new, request, 2).size());
    assertEquals(9, pagedRunIds(ListOpenWorkflowExecutions::new, request, 4).size());
  }

  @Test
  void aPageTokenContinuesOnlyAListingInItsOwnOrder() {
    start("w1", "1", "a");
    start("w2", "1", "a");
    String token = listOpen(",\"maximumPageSize\":1").get("nextPageToken").asText();

    assertEquals("ValidationException", swf.errorCode(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\","
        + SINCE + ",\"reverseOrder\":true,\"nextPageToken\":\"" + token + "\"}"));
    assertEquals("ValidationException", swf.errorCode(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\","
        + SINCE + ",\"nextPageToken\":\"not-a-token\"}"));
  }

  @Test
  void aCancelRequestIsShownInTheListingsAsSoonAsItIsRecorded() {
    start("w1", "1", "a");
    start("w2", "1", "a");

    swf.call(RequestCancelWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");

    JsonNode infos = listOpen("").get("executionInfos");
    assertEquals("w2", infos.get(0).get("execution").get("workflowId").asText());
    assertFalse(infos.get(0).get("cancelRequested").asBoolean());
    assertTrue(infos.get(1).get("cancelRequested").asBoolean());
  }

  @Test
  void continueAsNewListsTheClosedRunAndItsOpenSuccessor() {
    String first = start("w1", "1", "a");
    String token = swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}")
        .get("taskToken").asText();

    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + token + "\",\"decisions\":[{\"decisionType\":"
        + "\"ContinueAsNewWorkflowExecution\",\"continueAsNewWorkflowExecutionDecisionAttributes\":{}}]}");

    JsonNode open = listOpen("").get("executionInfos");
    assertEquals(1, open.size());
    assertFalse(first.equals(open.get(0).get("execution").get("runId").asText()));
    JsonNode closed = swf.call(ListClosedWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + "}")
        .get("executionInfos");
    assertEquals(first, closed.get(0).get("execution").get("runId").asText());
    assertEquals("CONTINUED_AS_NEW", closed.get(0).get("closeStatus").asText());
  }

  @Test
  void aRunThatTimedOutIsListedAsClosed() {
    start("w1", "1", "a");

    swf.clock.advanceSeconds(3600);
    Await.await(new TimerDriver(swf.services, "node").tick());

    assertEquals(0, swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE + "}")
        .get("count").asInt());
    assertEquals(1, swf.call(CountClosedWorkflowExecutions::new, "{\"domain\":\"orders\"," + SINCE
        + ",\"closeStatusFilter\":{\"status\":\"TIMED_OUT\"}}").get("count").asInt());
  }

  @Test
  void aRunDeletedAsItsRetentionEndsLeavesTheIndex() {
    start("w1", "1", "a");
    terminate("w1");
    VisibilityStore.Query everyClosedRun = new VisibilityStore.Query(false, false, 0, Long.MAX_VALUE, null, 0);
    DomainId orders = new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT, "orders");
    swf.clock.advanceSeconds(7 * 86_400);
    assertEquals(1L, Await.await(index.count(orders, everyClosedRun)));

    Await.await(new TimerDriver(swf.services, "node").tick());

    assertEquals(0L, Await.await(index.count(orders, everyClosedRun)));
  }

  @Test
  void pendingTasksAreCountedPerTaskListAndKind() {
    start("w1", "1", "a");
    start("w2", "1", "a");
    String decide = "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}";

    assertEquals(2, swf.call(CountPendingDecisionTasks::new, decide).get("count").asInt());
    assertEquals(0, swf.call(CountPendingActivityTasks::new, decide).get("count").asInt());
    swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}");
    assertEquals(1, swf.call(CountPendingDecisionTasks::new, decide).get("count").asInt());
    assertEquals("UnknownResourceFault", swf.errorCode(CountPendingDecisionTasks::new,
        "{\"domain\":\"nope\",\"taskList\":{\"name\":\"decide\"}}"));
  }
}

package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
  private MemorySwf swf;

  @BeforeEach
  void domainAndTypes() {
    swf = new MemorySwf();
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

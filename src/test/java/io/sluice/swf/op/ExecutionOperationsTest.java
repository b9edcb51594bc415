package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.SwfConfig;
import io.sluice.swf.TimerDriver;
import io.sluice.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow executions on the memory engine with a manual clock: start with the type's defaults,
 * describe, history in pages, decision and activity task polls (held, woken, empty after 60 s),
 * decisions and activity results as history transactions, stale task tokens refused.
 */
class ExecutionOperationsTest {
  private static final String D = "orders";
  private MemorySwf swf;

  @BeforeEach
  void domainAndTypes() {
    swf = new MemorySwf();
    domainAndTypesOn(swf);
  }

  private static void domainAndTypesOn(MemorySwf swf) {
    swf.domain(D);
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"flow\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"decide\"},\"defaultChildPolicy\":\"TERMINATE\","
        + "\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\"}");
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"bare\",\"version\":\"1\"}");
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"workers\"},\"defaultTaskScheduleToStartTimeout\":\"60\","
        + "\"defaultTaskScheduleToCloseTimeout\":\"120\",\"defaultTaskStartToCloseTimeout\":\"60\","
        + "\"defaultTaskHeartbeatTimeout\":\"NONE\"}");
  }

  private String start(String workflowId) {
    return swf.call(StartWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId + "\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"},\"input\":\"in\",\"tagList\":[\"a\"]}")
        .get("runId").asText();
  }

  private String execution(String workflowId, String runId) {
    return "{\"domain\":\"orders\",\"execution\":{\"workflowId\":\"" + workflowId + "\",\"runId\":\"" + runId + "\"}}";
  }

  private JsonNode pollDecision() {
    return swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"},"
        + "\"identity\":\"decider\"}");
  }

  private JsonNode pollActivity() {
    return swf.call(PollForActivityTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"workers\"},"
        + "\"identity\":\"worker\"}");
  }

  private void decide(String token, String decisions) {
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + token + "\",\"decisions\":[" + decisions + "]}");
  }

  private static final String SCHEDULE = "{\"decisionType\":\"ScheduleActivityTask\","
      + "\"scheduleActivityTaskDecisionAttributes\":{\"activityType\":{\"name\":\"work\",\"version\":\"1\"},"
      + "\"activityId\":\"a1\",\"input\":\"job\"}}";

  private List<String> types(String workflowId, String runId) {
    List<String> types = new ArrayList<>();
    swf.call(GetWorkflowExecutionHistory::new, execution(workflowId, runId)).get("events")
        .forEach(e -> types.add(e.get("eventType").asText()));
    return types;
  }

  @Test
  void startRecordsStartedAndAScheduledDecisionTaskWithTheTypesDefaults() {
    String runId = start("w1");

    JsonNode history = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    JsonNode described = swf.call(DescribeWorkflowExecution::new, execution("w1", runId));

    assertEquals(44, runId.length());
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled"), types("w1", runId));
    JsonNode started = history.get(0).get("workflowExecutionStartedEventAttributes");
    assertEquals(1, history.get(0).get("eventId").asInt());
    assertEquals("decide", started.get("taskList").get("name").asText());
    assertEquals("3600", started.get("executionStartToCloseTimeout").asText());
    assertEquals("TERMINATE", started.get("childPolicy").asText());
    assertEquals("in", started.get("input").asText());
    assertEquals("30", history.get(1).get("decisionTaskScheduledEventAttributes").get("startToCloseTimeout").asText());
    assertEquals("OPEN", described.get("executionInfo").get("executionStatus").asText());
    assertEquals(1, described.get("openCounts").get("openDecisionTasks").asInt());
    assertEquals("decide", described.get("executionConfiguration").get("taskList").get("name").asText());
  }

  @Test
  void startIsRefusedPastTheDomainsOpenExecutionLimitAndAllowedAgainWhenARunCloses() {
    swf = new MemorySwf(new SwfConfig(100, 10_000, 1_000, 2));
    domainAndTypesOn(swf);
    start("w1");
    start("w2");

    assertEquals("LimitExceededFault", swf.errorCode(StartWorkflowExecution::new, "{\"domain\":\"orders\","
        + "\"workflowId\":\"w3\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}"));
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");
    start("w3");
  }

  @Test
  void startIsRefusedWhileTheWorkflowIdIsOpenAndWithoutDefaultsOrType() {
    start("w1");

    assertEquals("WorkflowExecutionAlreadyStartedFault", swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}"));
    assertEquals("DefaultUndefinedFault", swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w2\",\"workflowType\":{\"name\":\"bare\",\"version\":\"1\"}}"));
    assertEquals("UnknownResourceFault", swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w2\",\"workflowType\":{\"name\":\"none\",\"version\":\"1\"}}"));
    swf.call(DeprecateWorkflowType::new, MemorySwf.typeIn(D, "workflow", "flow", "1"));
    assertEquals("TypeDeprecatedFault", swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w2\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}"));
  }

  @Test
  void aWorkflowRunsFromStartThroughAnActivityToCompletion() {
    String runId = start("w1");

    JsonNode first = pollDecision();
    decide(first.get("taskToken").asText(), SCHEDULE);
    JsonNode activity = pollActivity();
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + activity.get("taskToken").asText()
        + "\",\"result\":\"done\"}");
    JsonNode second = pollDecision();
    decide(second.get("taskToken").asText(), "{\"decisionType\":\"CompleteWorkflowExecution\","
        + "\"completeWorkflowExecutionDecisionAttributes\":{\"result\":\"ok\"}}");

    assertEquals(3, first.get("startedEventId").asInt());
    assertEquals(0, first.get("previousStartedEventId").asInt());
    assertEquals(3, first.get("events").size());
    assertEquals("a1", activity.get("activityId").asText());
    assertEquals("job", activity.get("input").asText());
    assertEquals(3, second.get("previousStartedEventId").asInt());
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
        "DecisionTaskCompleted", "ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted",
        "DecisionTaskScheduled", "DecisionTaskStarted", "DecisionTaskCompleted", "WorkflowExecutionCompleted"),
        types("w1", runId));
    JsonNode described = swf.call(DescribeWorkflowExecution::new, execution("w1", runId));
    assertEquals("CLOSED", described.get("executionInfo").get("executionStatus").asText());
    assertEquals("COMPLETED", described.get("executionInfo").get("closeStatus").asText());
    assertNotEquals(runId, start("w1"));
  }

  @Test
  void describeGivesTheTimeTheLatestActivityTaskWasScheduledNotStarted() {
    // Given a run whose decider scheduled an activity 10 s after the start
    String runId = start("w1");
    long t0 = swf.clock.millis() / 1000;
    String first = pollDecision().get("taskToken").asText();
    swf.clock.advanceSeconds(10);
    decide(first, SCHEDULE);
    JsonNode scheduled = swf.call(DescribeWorkflowExecution::new, execution("w1", runId));

    // When a worker starts it 5 s later
    swf.clock.advanceSeconds(5);
    pollActivity();
    JsonNode started = swf.call(DescribeWorkflowExecution::new, execution("w1", runId));

    // Then latestActivityTaskTimestamp is the scheduling time (API reference, WorkflowExecutionDetail:
    // "The time when the last activity task was scheduled for this workflow execution")
    assertEquals(t0 + 10, scheduled.path("latestActivityTaskTimestamp").asLong());
    assertEquals(t0 + 10, started.path("latestActivityTaskTimestamp").asLong());
  }

  @Test
  void aHeldPollIsAnsweredWhenATaskIsScheduledAndEmptyAfterSixtySeconds() {
    CompletableFuture<JsonNode> held = swf.callLater(PollForDecisionTask::new,
        "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}");
    CompletableFuture<JsonNode> idle = swf.callLater(PollForActivityTask::new,
        "{\"domain\":\"orders\",\"taskList\":{\"name\":\"workers\"}}");
    assertFalse(held.isDone());

    start("w1");
    swf.clock.advanceSeconds(60);
    swf.signals.fireDue();

    assertFalse(Await.await(held).get("taskToken").asText().isEmpty());
    assertEquals("", Await.await(idle).get("taskToken").asText());
  }

  @Test
  void aStaleOrForeignTaskTokenIsUnknown() {
    start("w1");
    String token = pollDecision().get("taskToken").asText();
    decide(token, SCHEDULE);

    assertEquals("UnknownResourceFault", swf.errorCode(RespondDecisionTaskCompleted::new,
        "{\"taskToken\":\"" + token + "\",\"decisions\":[]}"));
    assertEquals("UnknownResourceFault", swf.errorCode(RespondActivityTaskCompleted::new,
        "{\"taskToken\":\"bm90IGEgdG9rZW4\"}"));
    String work = pollActivity().get("taskToken").asText();
    swf.call(RespondActivityTaskFailed::new, "{\"taskToken\":\"" + work + "\",\"reason\":\"r\"}");
    assertEquals("UnknownResourceFault", swf.errorCode(RespondActivityTaskCompleted::new,
        "{\"taskToken\":\"" + work + "\"}"));
    assertEquals("UnknownResourceFault", swf.as("111111111111").errorCode(RespondDecisionTaskCompleted::new,
        "{\"taskToken\":\"" + pollDecisionAs() + "\",\"decisions\":[]}"));
  }

  private String pollDecisionAs() {
    swf.as(MemorySwf.ACCOUNT);
    String token = pollDecision().get("taskToken").asText();
    swf.as("111111111111");
    return token;
  }

  @Test
  void aDecisionThatCannotBeAppliedIsRecordedAsFailedAndANewDecisionTaskScheduled() {
    String runId = start("w1");
    String token = pollDecision().get("taskToken").asText();

    decide(token, "{\"decisionType\":\"ScheduleActivityTask\",\"scheduleActivityTaskDecisionAttributes\":"
        + "{\"activityType\":{\"name\":\"nope\",\"version\":\"1\"},\"activityId\":\"x\"}},"
        + "{\"decisionType\":\"RecordMarker\",\"recordMarkerDecisionAttributes\":{\"markerName\":\"m\"}}");

    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted",
        "DecisionTaskCompleted", "ScheduleActivityTaskFailed", "MarkerRecorded", "DecisionTaskScheduled"),
        types("w1", runId));
    assertEquals("ACTIVITY_TYPE_DOES_NOT_EXIST",
        events.get(4).get("scheduleActivityTaskFailedEventAttributes").get("cause").asText());
    assertEquals(4, events.get(4).get("scheduleActivityTaskFailedEventAttributes")
        .get("decisionTaskCompletedEventId").asInt());
  }

  @Test
  void completingWhileAnActivityResultArrivedIsAnUnhandledDecision() {
    // Given two activities, the first completed and its decision task started
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), SCHEDULE + "," + SCHEDULE.replace("\"a1\"", "\"a2\""));
    String a1 = pollActivity().get("taskToken").asText();
    String a2 = pollActivity().get("taskToken").asText();
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + a1 + "\"}");
    String token = pollDecision().get("taskToken").asText();

    // When the second completes while the decider decides to complete the workflow
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + a2 + "\"}");
    decide(token, "{\"decisionType\":\"CompleteWorkflowExecution\"}");

    // Then the close fails as UNHANDLED_DECISION and the next decision task carries the new event
    List<String> types = types("w1", runId);
    assertEquals(List.of("ActivityTaskCompleted", "DecisionTaskCompleted", "CompleteWorkflowExecutionFailed",
        "DecisionTaskScheduled"), types.subList(types.size() - 4, types.size()));
    JsonNode next = pollDecision();
    assertEquals(types.size() + 1, next.get("events").size());
    assertEquals("OPEN", swf.call(DescribeWorkflowExecution::new, execution("w1", runId))
        .get("executionInfo").get("executionStatus").asText());
  }

  @Test
  void historyIsPagedForwardAndReversed() {
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), "{\"decisionType\":\"RecordMarker\","
        + "\"recordMarkerDecisionAttributes\":{\"markerName\":\"m\"}}");

    JsonNode first = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)
        .replace("}}", "},\"maximumPageSize\":3,\"reverseOrder\":true}"));
    JsonNode second = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)
        .replace("}}", "},\"maximumPageSize\":3,\"reverseOrder\":true,\"nextPageToken\":\""
            + first.get("nextPageToken").asText() + "\"}"));

    assertEquals(List.of(5, 4, 3), ids(first));
    assertEquals(List.of(2, 1), ids(second));
    assertTrue(second.path("nextPageToken").isMissingNode() || second.get("nextPageToken").isNull());
  }

  @Test
  void aDecisionTaskPagesItsHistoryThroughPollsWithTheNextPageToken() {
    start("w1");
    JsonNode first = swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"},"
        + "\"maximumPageSize\":2}");
    JsonNode second = swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"},"
        + "\"maximumPageSize\":2,\"nextPageToken\":\"" + first.get("nextPageToken").asText() + "\"}");

    assertEquals(List.of(1, 2), ids(first));
    assertEquals(List.of(3), ids(second));
    assertEquals(first.get("taskToken"), second.get("taskToken"));
  }

  private static List<Integer> ids(JsonNode page) {
    List<Integer> ids = new ArrayList<>();
    page.get("events").forEach(e -> ids.add(e.get("eventId").asInt()));
    return ids;
  }

  @Test
  void aDecisionTaskListGivenWithTheDecisionsTakesTheExecutionsNextDecisionTasks() {
    String runId = start("w1");
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + pollDecision().get("taskToken").asText()
        + "\",\"taskList\":{\"name\":\"elsewhere\"},\"decisions\":[" + SCHEDULE + "]}");
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + pollActivity().get("taskToken").asText() + "\"}");

    JsonNode moved = swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"elsewhere\"}}");

    assertEquals("w1", moved.get("workflowExecution").get("workflowId").asText());
    assertEquals("elsewhere", swf.call(DescribeWorkflowExecution::new, execution("w1", runId))
        .get("executionConfiguration").get("taskList").get("name").asText());
  }

  @Test
  void aHeartbeatAnswersWhileTheActivityIsStartedAndUnknownAfter() {
    start("w1");
    decide(pollDecision().get("taskToken").asText(), SCHEDULE);
    String work = pollActivity().get("taskToken").asText();

    JsonNode beat = swf.call(RecordActivityTaskHeartbeat::new, "{\"taskToken\":\"" + work + "\",\"details\":\"50%\"}");
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + work + "\"}");

    assertFalse(beat.get("cancelRequested").asBoolean());
    assertEquals("UnknownResourceFault", swf.errorCode(RecordActivityTaskHeartbeat::new,
        "{\"taskToken\":\"" + work + "\"}"));
  }

  @Test
  void anExecutionTimeoutOfNoneOrOverAYearIsInvalid() {
    for (String timeout : List.of("NONE", "31536001")) {
      assertEquals("ValidationException", swf.errorCode(StartWorkflowExecution::new, "{\"domain\":\"orders\","
          + "\"workflowId\":\"w\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"},"
          + "\"executionStartToCloseTimeout\":\"" + timeout + "\"}"));
    }
    start("w");
  }

  @Test
  void aSignalToTheOpenRunIsRecordedAndScheduledForTheDecider() {
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), "");

    swf.call(SignalWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"signalName\":\"go\","
        + "\"input\":\"now\"}");

    JsonNode task = pollDecision();
    JsonNode signaled = task.get("events").get(4);
    assertEquals("WorkflowExecutionSignaled", signaled.get("eventType").asText());
    assertEquals("go", signaled.get("workflowExecutionSignaledEventAttributes").get("signalName").asText());
    assertEquals(runId, task.get("workflowExecution").get("runId").asText());
    assertEquals("UnknownResourceFault", swf.errorCode(SignalWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"nobody\",\"signalName\":\"go\"}"));
  }

  @Test
  void aTerminatedRunTakesNoMoreAnswersAndItsWorkflowIdStartsAgain() {
    String runId = start("w1");
    String token = pollDecision().get("taskToken").asText();

    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"reason\":\"stop\"}");

    assertEquals("UnknownResourceFault", swf.errorCode(RespondDecisionTaskCompleted::new,
        "{\"taskToken\":\"" + token + "\"}"));
    assertEquals("UnknownResourceFault", swf.errorCode(SignalWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"runId\":\"" + runId + "\",\"signalName\":\"go\"}"));
    List<String> types = types("w1", runId);
    assertEquals("WorkflowExecutionTerminated", types.getLast());
    JsonNode described = swf.call(DescribeWorkflowExecution::new, execution("w1", runId));
    assertEquals("TERMINATED", described.get("executionInfo").get("closeStatus").asText());
    assertNotEquals(runId, start("w1"));
  }

  @Test
  void aCancelRequestedIsShownAndTheDeciderCancels() {
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), "");

    swf.call(RequestCancelWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");
    assertTrue(swf.call(DescribeWorkflowExecution::new, execution("w1", runId)).get("executionInfo")
        .get("cancelRequested").asBoolean());
    decide(pollDecision().get("taskToken").asText(), "{\"decisionType\":\"CancelWorkflowExecution\","
        + "\"cancelWorkflowExecutionDecisionAttributes\":{\"details\":\"asked\"}}");

    assertEquals("CANCELED", swf.call(DescribeWorkflowExecution::new, execution("w1", runId))
        .get("executionInfo").get("closeStatus").asText());
    assertEquals("WorkflowExecutionCanceled", types("w1", runId).getLast());
  }

  @Test
  void aCancelledActivityNotYetStartedIsCanceledAtOnceAndAStartedOneLearnsItFromItsHeartbeat() {
    // Given two activities, the first started by a worker
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), SCHEDULE + "," + SCHEDULE.replace("\"a1\"", "\"a2\""));
    String a1 = pollActivity().get("taskToken").asText();

    // When the decider cancels both and an unknown one
    swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + a1 + "\"}");
    String token = pollDecision().get("taskToken").asText();
    decide(token, cancel("a2") + "," + cancel("nope"));

    // Then a2, never started, is canceled at once; nope fails as ACTIVITY_ID_UNKNOWN
    List<String> types = types("w1", runId);
    assertEquals(List.of("DecisionTaskCompleted", "ActivityTaskCancelRequested", "ActivityTaskCanceled",
        "RequestCancelActivityTaskFailed", "DecisionTaskScheduled"), types.subList(types.size() - 5, types.size()));
    assertEquals(0, swf.call(DescribeWorkflowExecution::new, execution("w1", runId)).get("openCounts")
        .get("openActivityTasks").asInt());
  }

  @Test
  void aStartedActivityAskedToCancelSeesItInItsHeartbeatAndRespondsCanceled() {
    String runId = start("w1");
    decide(pollDecision().get("taskToken").asText(), SCHEDULE);
    String work = pollActivity().get("taskToken").asText();
    swf.call(SignalWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"signalName\":\"stop\"}");
    decide(pollDecision().get("taskToken").asText(), cancel("a1"));

    JsonNode beat = swf.call(RecordActivityTaskHeartbeat::new, "{\"taskToken\":\"" + work + "\"}");
    swf.call(RespondActivityTaskCanceled::new, "{\"taskToken\":\"" + work + "\",\"details\":\"undone\"}");

    assertTrue(beat.get("cancelRequested").asBoolean());
    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    JsonNode canceled = events.get(events.size() - 2);
    assertEquals("ActivityTaskCanceled", canceled.get("eventType").asText());
    JsonNode attributes = canceled.get("activityTaskCanceledEventAttributes");
    assertEquals("undone", attributes.get("details").asText());
    JsonNode requested = events.get(events.size() - 3);
    assertEquals("ActivityTaskCancelRequested", requested.get("eventType").asText());
    assertEquals(requested.get("eventId").asInt(), attributes.get("latestCancelRequestedEventId").asInt());
    assertEquals("DecisionTaskScheduled", events.get(events.size() - 1).get("eventType").asText());
  }

  private static String cancel(String activityId) {
    return "{\"decisionType\":\"RequestCancelActivityTask\",\"requestCancelActivityTaskDecisionAttributes\":"
        + "{\"activityId\":\"" + activityId + "\"}}";
  }

  @Test
  void continueAsNewClosesTheRunAndStartsItsSuccessorInOneStep() {
    String runId = start("w1");

    decide(pollDecision().get("taskToken").asText(), "{\"decisionType\":\"ContinueAsNewWorkflowExecution\","
        + "\"continueAsNewWorkflowExecutionDecisionAttributes\":{\"input\":\"again\",\"tagList\":[\"t\"]}}");

    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    JsonNode continued = events.get(events.size() - 1).get("workflowExecutionContinuedAsNewEventAttributes");
    String next = continued.get("newExecutionRunId").asText();
    assertEquals("CONTINUED_AS_NEW", swf.call(DescribeWorkflowExecution::new, execution("w1", runId))
        .get("executionInfo").get("closeStatus").asText());
    assertEquals("decide", continued.get("taskList").get("name").asText());
    JsonNode task = pollDecision();
    assertEquals(next, task.get("workflowExecution").get("runId").asText());
    JsonNode started = task.get("events").get(0).get("workflowExecutionStartedEventAttributes");
    assertEquals(runId, started.get("continuedExecutionRunId").asText());
    assertEquals("again", started.get("input").asText());
    assertEquals("t", started.get("tagList").get(0).asText());
    assertEquals("WorkflowExecutionAlreadyStartedFault", swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}"));
  }

  @Test
  void continueAsNewToAnUnknownVersionFailsAndTheDeciderDecidesAgain() {
    String runId = start("w1");

    decide(pollDecision().get("taskToken").asText(), "{\"decisionType\":\"ContinueAsNewWorkflowExecution\","
        + "\"continueAsNewWorkflowExecutionDecisionAttributes\":{\"workflowTypeVersion\":\"9\"}}");

    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    assertEquals("WORKFLOW_TYPE_DOES_NOT_EXIST", events.get(events.size() - 2)
        .get("continueAsNewWorkflowExecutionFailedEventAttributes").get("cause").asText());
    assertEquals(runId, pollDecision().get("workflowExecution").get("runId").asText());
  }

  @Test
  void aTimerFiresWhenDueOnTheSchedulerAndTheDeciderIsAskedToDecide() {
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");
    decide(pollDecision().get("taskToken").asText(), timer("t1", "30") + "," + timer("t2", "60"));

    swf.clock.advanceSeconds(29);
    Await.await(driver.tick());
    assertEquals(2, swf.call(DescribeWorkflowExecution::new, execution("w1", runId)).get("openCounts")
        .get("openTimers").asInt());
    swf.clock.advanceSeconds(1);
    Await.await(driver.tick());

    List<String> types = types("w1", runId);
    assertEquals(List.of("TimerStarted", "TimerStarted", "TimerFired", "DecisionTaskScheduled"),
        types.subList(types.size() - 4, types.size()));
    JsonNode task = pollDecision();
    decide(task.get("taskToken").asText(), "{\"decisionType\":\"CancelTimer\",\"cancelTimerDecisionAttributes\":"
        + "{\"timerId\":\"t2\"}}," + timer("t1", "5") + ",{\"decisionType\":\"CancelTimer\","
        + "\"cancelTimerDecisionAttributes\":{\"timerId\":\"gone\"}}");
    swf.clock.advanceSeconds(60);
    Await.await(driver.tick());
    // Then t2 was canceled and never fires, the second t1 fired (the decision task scheduled for the
    // failed CancelTimer carries it)
    types = types("w1", runId);
    assertEquals(List.of("DecisionTaskCompleted", "TimerCanceled", "TimerStarted", "CancelTimerFailed",
        "DecisionTaskScheduled", "TimerFired"), types.subList(types.size() - 6, types.size()));
    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    assertEquals("t1", events.get(events.size() - 1).get("timerFiredEventAttributes").get("timerId").asText());
    assertEquals(2, types.stream().filter("TimerFired"::equals).count());
  }

  @Test
  void oneTickFiresEveryDueTimerEvenWhenMoreThanOneBatchFallDueTogether() {
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      runIds.add(start("w" + i));
      decide(pollDecision().get("taskToken").asText(), timer("t1", "10"));
    }
    TimerDriver driver = new TimerDriver(swf.services, "node");

    swf.clock.advanceSeconds(10);
    int claimed = Await.await(driver.tick());

    assertEquals(150, claimed);
    for (int i = 0; i < 150; i++) {
      assertTrue(types("w" + i, runIds.get(i)).contains("TimerFired"), "w" + i);
    }
  }

  @Test
  void aTimerOfAClosedRunNeverFires() {
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");
    decide(pollDecision().get("taskToken").asText(), timer("t1", "10"));
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");

    swf.clock.advanceSeconds(11);
    Await.await(driver.tick());

    assertEquals("WorkflowExecutionTerminated", types("w1", runId).getLast());
  }

  private static String timer(String id, String seconds) {
    return "{\"decisionType\":\"StartTimer\",\"startTimerDecisionAttributes\":{\"timerId\":\"" + id
        + "\",\"startToFireTimeout\":\"" + seconds + "\"}}";
  }

  @Test
  void aDecisionTaskNotStartedInTimeOnATemporaryTaskListOverrideGoesBackToTheOriginalList() {
    // Given a decider that moved the run's decision tasks to its own task list for 5 s at a time
    // (as the Flow Framework's decider affinity does) and a signal that schedules the next task there
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + pollDecision().get("taskToken").asText()
        + "\",\"taskList\":{\"name\":\"host-1\"},\"taskListScheduleToStartTimeout\":\"5\"}");
    swf.call(SignalWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"signalName\":\"go\"}");

    // When no decider starts it within 5 s
    swf.clock.advanceSeconds(5);
    Await.await(driver.tick());

    // Then it timed out (SCHEDULE_TO_START) and a new decision task waits on the original task list
    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    JsonNode onHost = events.get(events.size() - 3);
    assertEquals("host-1", onHost.at("/decisionTaskScheduledEventAttributes/taskList/name").asText());
    assertEquals("5", onHost.at("/decisionTaskScheduledEventAttributes/scheduleToStartTimeout").asText());
    JsonNode timedOut = events.get(events.size() - 2);
    assertEquals("DecisionTaskTimedOut", timedOut.get("eventType").asText());
    assertEquals("SCHEDULE_TO_START", timedOut.at("/decisionTaskTimedOutEventAttributes/timeoutType").asText());
    assertEquals("decide", events.get(events.size() - 1).at("/decisionTaskScheduledEventAttributes/taskList/name")
        .asText());
    assertEquals(runId, pollDecision().at("/workflowExecution/runId").asText());
  }

  @Test
  void aDecisionTaskNotAnsweredWithinItsStartToCloseTimeoutTimesOutAndIsScheduledAgain() {
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");
    String late = pollDecision().get("taskToken").asText();

    swf.clock.advanceSeconds(30);
    Await.await(driver.tick());

    List<String> types = types("w1", runId);
    assertEquals(List.of("DecisionTaskStarted", "DecisionTaskTimedOut", "DecisionTaskScheduled"),
        types.subList(types.size() - 3, types.size()));
    assertEquals("UnknownResourceFault", swf.errorCode(RespondDecisionTaskCompleted::new,
        "{\"taskToken\":\"" + late + "\"}"));
    decide(pollDecision().get("taskToken").asText(), "");
  }

  @Test
  void activityTasksTimeOutBeforeTheyStartAndWhileTheyRun() {
    // Given two activities (schedule-to-start 60 s, start-to-close 60 s, schedule-to-close 120 s), one started
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");
    decide(pollDecision().get("taskToken").asText(), SCHEDULE + "," + SCHEDULE.replace("\"a1\"", "\"a2\""));
    swf.clock.advanceSeconds(10);
    String work = pollActivity().get("taskToken").asText();

    // When 60 s pass for the one never started, 70 s for the one started 10 s in
    swf.clock.advanceSeconds(50);
    Await.await(driver.tick());
    swf.clock.advanceSeconds(10);
    Await.await(driver.tick());

    // Then each timed out with its timeout type, and the started one's answer comes too late
    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution("w1", runId)).get("events");
    List<String> timeouts = new ArrayList<>();
    events.forEach(e -> {
      if (e.get("eventType").asText().equals("ActivityTaskTimedOut")) {
        timeouts.add(e.get("activityTaskTimedOutEventAttributes").get("timeoutType").asText());
      }
    });
    assertEquals(List.of("SCHEDULE_TO_START", "START_TO_CLOSE"), timeouts);
    assertEquals("UnknownResourceFault", swf.errorCode(RespondActivityTaskCompleted::new,
        "{\"taskToken\":\"" + work + "\"}"));
  }

  @Test
  void anExecutionPastItsStartToCloseTimeoutTimesOut() {
    String runId = start("w1");
    TimerDriver driver = new TimerDriver(swf.services, "node");

    swf.clock.advanceSeconds(3600);
    Await.await(driver.tick());

    assertEquals("WorkflowExecutionTimedOut", types("w1", runId).getLast());
    assertEquals("TIMED_OUT", swf.call(DescribeWorkflowExecution::new, execution("w1", runId))
        .get("executionInfo").get("closeStatus").asText());
  }
}

package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * SWF's quotas on one execution (developer guide, "Amazon SWF quotas"): 25,000 history events (then
 * the run is terminated, cause EVENT_LIMIT_EXCEEDED), 1,000 open activity tasks and 1,000 open
 * timers (further ones fail as their decision's …Failed event), a year of execution time, and the
 * model's sizes of inputs, results and details.
 */
class ExecutionLimitsTest {
  private final Runs runs = new Runs("NONE");

  private static String marker(int i) {
    return "{\"decisionType\":\"RecordMarker\",\"recordMarkerDecisionAttributes\":{\"markerName\":\"m" + i + "\"}}";
  }

  @Test
  void aRunWhoseHistoryReachesTwentyFiveThousandEventsIsTerminated() {
    // Given a history of 24,997 events: started, decision task scheduled, started, completed, 24,993 markers
    String runId = runs.start("w1");
    runs.decide(Runs.many(24_993, ExecutionLimitsTest::marker));
    String openBefore = runs.describe("w1", runId).get("executionInfo").get("executionStatus").asText();

    // When a signal adds WorkflowExecutionSignaled and DecisionTaskScheduled
    runs.swf.call(SignalWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"signalName\":\"s\"}");

    // Then the 25,000th event terminates the run
    assertEquals("OPEN", openBefore);
    JsonNode last = runs.swf.call(GetWorkflowExecutionHistory::new, runs.execution("w1", runId)
        .replace("}}", "},\"maximumPageSize\":1,\"reverseOrder\":true}")).get("events").get(0);
    assertEquals(25_000, last.get("eventId").asInt());
    assertEquals("WorkflowExecutionTerminated", last.get("eventType").asText());
    assertEquals("EVENT_LIMIT_EXCEEDED", last.get("workflowExecutionTerminatedEventAttributes").get("cause").asText());
    assertEquals("TERMINATE", last.get("workflowExecutionTerminatedEventAttributes").get("childPolicy").asText());
    JsonNode info = runs.describe("w1", runId).get("executionInfo");
    assertEquals("TERMINATED", info.get("closeStatus").asText());
    assertEquals("UnknownResourceFault", runs.swf.errorCode(SignalWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"runId\":\"" + runId + "\",\"signalName\":\"s\"}"));
  }

  @Test
  void aRunTerminatedForItsHistorySizeAppliesItsChildPolicy() {
    // Given a run (child policy TERMINATE) whose child started
    runs.swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"kid\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"kids\"},\"defaultChildPolicy\":\"ABANDON\","
        + "\"defaultTaskStartToCloseTimeout\":\"20\",\"defaultExecutionStartToCloseTimeout\":\"600\"}");
    String runId = runs.start("w1");
    runs.decide("{\"decisionType\":\"StartChildWorkflowExecution\",\"startChildWorkflowExecutionDecisionAttributes\":"
        + "{\"workflowType\":{\"name\":\"kid\",\"version\":\"1\"},\"workflowId\":\"c1\"}}");
    String child = runs.attributes("w1", runId, "ChildWorkflowExecutionStarted").get(0).get("workflowExecution")
        .get("runId").asText();

    // When its decider fills its history
    runs.decide(Runs.many(25_000, ExecutionLimitsTest::marker));

    // Then it is terminated for its size and its child by its policy
    assertEquals("EVENT_LIMIT_EXCEEDED", runs.attributes("w1", runId, "WorkflowExecutionTerminated").get(0)
        .get("cause").asText());
    assertEquals("CHILD_POLICY_APPLIED", runs.attributes("c1", child, "WorkflowExecutionTerminated").get(0)
        .get("cause").asText());
  }

  @Test
  void theThousandAndFirstOpenActivityTaskFailsToSchedule() {
    assertTheThousandAndFirstFails(i -> Runs.schedule("a" + i, ""), "ScheduleActivityTaskFailed", "activityId",
        "OPEN_ACTIVITIES_LIMIT_EXCEEDED", "openActivityTasks");
  }

  @Test
  void theThousandAndFirstOpenTimerFailsToStart() {
    assertTheThousandAndFirstFails(i -> Runs.timer("t" + i, "60"), "StartTimerFailed", "timerId",
        "OPEN_TIMERS_LIMIT_EXCEEDED", "openTimers");
  }

  /** 1,001 decisions {@code decision(0..1000)} at once: the last fails with {@code cause}, 1,000 stay open. */
  private void assertTheThousandAndFirstFails(IntFunction<String> decision, String failedEvent, String idMember,
                                              String cause, String openCount) {
    String runId = runs.start("w1");

    runs.decide(Runs.many(1_001, decision));

    List<JsonNode> failed = runs.attributes("w1", runId, failedEvent);
    assertEquals(1, failed.size());
    assertTrue(failed.get(0).get(idMember).asText().endsWith("1000"));
    assertEquals(cause, failed.get(0).get("cause").asText());
    assertEquals(1_000, runs.describe("w1", runId).get("openCounts").get(openCount).asInt());
  }

  @Test
  void anActivityTaskClosingMakesRoomForAnother() {
    String runId = runs.start("w1");
    runs.decide(Runs.many(1_000, i -> Runs.schedule("a" + i, "")));
    runs.swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + runs.pollActivity() + "\"}");

    runs.decide(Runs.schedule("again", ""));

    assertEquals(List.of(), runs.attributes("w1", runId, "ScheduleActivityTaskFailed"));
    assertEquals(1_000, runs.describe("w1", runId).get("openCounts").get("openActivityTasks").asInt());
  }

  @Test
  void anExecutionTimeoutOverAYearIsRefusedOnContinueAsNewToo() {
    runs.start("w1");
    String token = runs.pollDecision();

    String code = runs.swf.errorCode(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + token + "\","
        + "\"decisions\":[{\"decisionType\":\"ContinueAsNewWorkflowExecution\","
        + "\"continueAsNewWorkflowExecutionDecisionAttributes\":{\"executionStartToCloseTimeout\":\"31536001\"}}]}");

    assertEquals("ValidationException", code);
    runs.decide(token, "{\"decisionType\":\"ContinueAsNewWorkflowExecution\","
        + "\"continueAsNewWorkflowExecutionDecisionAttributes\":{\"executionStartToCloseTimeout\":\"31536000\"}}");
  }

  @Test
  void inputsResultsAndDetailsPastTheirModelLengthsAreInvalid() {
    String most = "x".repeat(32_768);
    String over = most + "x";
    String runId = runs.start("w1");
    runs.decide(Runs.schedule("a1", ",\"input\":\"" + most + "\""));
    String work = runs.pollActivity();

    assertEquals("ValidationException", runs.swf.errorCode(StartWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w2\",\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"},"
            + "\"input\":\"" + over + "\"}"));
    assertEquals("ValidationException", runs.swf.errorCode(SignalWorkflowExecution::new,
        "{\"domain\":\"orders\",\"workflowId\":\"w1\",\"signalName\":\"s\",\"input\":\"" + over + "\"}"));
    assertEquals("ValidationException", runs.swf.errorCode(RespondActivityTaskCompleted::new,
        "{\"taskToken\":\"" + work + "\",\"result\":\"" + over + "\"}"));
    assertEquals("ValidationException", runs.swf.errorCode(RespondActivityTaskFailed::new,
        "{\"taskToken\":\"" + work + "\",\"details\":\"" + over + "\"}"));
    // RecordActivityTaskHeartbeat's details are LimitedData: 2,048 characters
    assertEquals("ValidationException", runs.swf.errorCode(RecordActivityTaskHeartbeat::new,
        "{\"taskToken\":\"" + work + "\",\"details\":\"" + "x".repeat(2_049) + "\"}"));
    runs.heartbeat(work, "x".repeat(2_048));
    runs.swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + work + "\",\"result\":\"" + most + "\"}");
    assertEquals(32_768, runs.attributes("w1", runId, "ActivityTaskCompleted").get(0).get("result").asText().length());
    assertEquals("ValidationException", runs.swf.errorCode(RespondDecisionTaskCompleted::new,
        "{\"taskToken\":\"" + runs.pollDecision() + "\",\"decisions\":[" + Runs.schedule("a2", ",\"input\":\"" + over
            + "\"") + "]}"));
  }
}

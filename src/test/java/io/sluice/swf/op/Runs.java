package io.sluice.swf.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.TimerDriver;
import io.sluice.testing.Await;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow runs on a {@link MemorySwf} in domain {@code orders}: workflow type {@code flow} (decision
 * tasks in {@code decide}, 30 s each, runs of an hour) and activity type {@code work} (tasks in
 * {@code workers}; schedule-to-start 60 s, schedule-to-close 300 s, start-to-close 120 s, heartbeat
 * {@code heartbeat} seconds), and the steps a decider and a worker take.
 */
final class Runs {
  final MemorySwf swf = new MemorySwf();
  final TimerDriver driver = new TimerDriver(swf.services, "node");

  Runs(String heartbeat) {
    swf.domain("orders");
    swf.flowType("orders", "1");
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"workers\"},\"defaultTaskScheduleToStartTimeout\":\"60\","
        + "\"defaultTaskScheduleToCloseTimeout\":\"300\",\"defaultTaskStartToCloseTimeout\":\"120\","
        + "\"defaultTaskHeartbeatTimeout\":\"" + heartbeat + "\"}");
  }

  /** Starts workflowId {@code id}; its runId. */
  String start(String id) {
    return swf.call(StartWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + id + "\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}").get("runId").asText();
  }

  String pollDecision() {
    return swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}")
        .get("taskToken").asText();
  }

  String pollActivity() {
    return swf.call(PollForActivityTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"workers\"}}")
        .get("taskToken").asText();
  }

  void decide(String token, String decisions) {
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + token + "\",\"decisions\":[" + decisions + "]}");
  }

  /** Polls the next decision task and answers it with {@code decisions}. */
  void decide(String decisions) {
    decide(pollDecision(), decisions);
  }

  /** A ScheduleActivityTask decision of {@code work} as {@code activityId}, with {@code more} attributes. */
  static String schedule(String activityId, String more) {
    return "{\"decisionType\":\"ScheduleActivityTask\",\"scheduleActivityTaskDecisionAttributes\":{"
        + "\"activityType\":{\"name\":\"work\",\"version\":\"1\"},\"activityId\":\"" + activityId + "\"" + more + "}}";
  }

  static String timer(String timerId, String seconds) {
    return "{\"decisionType\":\"StartTimer\",\"startTimerDecisionAttributes\":{\"timerId\":\"" + timerId
        + "\",\"startToFireTimeout\":\"" + seconds + "\"}}";
  }

  /** {@code count} decisions made by {@code decision} from 0 to count - 1, comma-separated. */
  static String many(int count, java.util.function.IntFunction<String> decision) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      all.append(i == 0 ? "" : ",").append(decision.apply(i));
    }
    return all.toString();
  }

  void heartbeat(String token, String details) {
    swf.call(RecordActivityTaskHeartbeat::new, "{\"taskToken\":\"" + token + "\",\"details\":\"" + details + "\"}");
  }

  /** Moves the clock {@code seconds} on and applies the deadlines due. */
  void advance(int seconds) {
    swf.clock.advanceSeconds(seconds);
    Await.await(driver.tick());
  }

  String execution(String workflowId, String runId) {
    return "{\"domain\":\"orders\",\"execution\":{\"workflowId\":\"" + workflowId + "\",\"runId\":\"" + runId + "\"}}";
  }

  /** The run's history, every event. */
  List<JsonNode> events(String workflowId, String runId) {
    List<JsonNode> events = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = swf.call(GetWorkflowExecutionHistory::new, execution(workflowId, runId).replace("}}",
          "},\"maximumPageSize\":1000" + (token == null ? "" : ",\"nextPageToken\":\"" + token + "\"") + "}"));
      page.get("events").forEach(events::add);
      token = page.path("nextPageToken").isTextual() ? page.get("nextPageToken").asText() : null;
    } while (token != null);
    return events;
  }

  /** The run's events of {@code type}'s attributes. */
  List<JsonNode> attributes(String workflowId, String runId, String type) {
    String name = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventAttributes";
    return events(workflowId, runId).stream().filter(e -> e.get("eventType").asText().equals(type))
        .map(e -> e.get(name)).toList();
  }

  JsonNode describe(String workflowId, String runId) {
    return swf.call(DescribeWorkflowExecution::new, execution(workflowId, runId));
  }
}

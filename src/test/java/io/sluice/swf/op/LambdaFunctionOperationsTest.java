package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.LambdaFunctionServer;
import io.sluice.swf.LambdaFunctions;
import io.sluice.swf.TimerDriver;
import io.sluice.swf.decision.InvokeLambdaFunction;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.testing.Await;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lambda tasks on the memory engine with a manual clock, their functions served by a local
 * {@link LambdaFunctionServer} through the {@code lambda-endpoints} mapping: ScheduleLambdaFunction and
 * each cause of ScheduleLambdaFunctionFailed, the function started and its result, error or silence
 * recorded (LambdaFunctionStarted, Completed, Failed, TimedOut, StartLambdaFunctionFailed; an
 * unreachable function URL) with a
 * decision task, a repeated delivery invoking nothing, the open count.
 */
class LambdaFunctionOperationsTest {
  private static final String ROLE = "arn:aws:iam::000000000000:role/swf-lambda";
  private static final String FAIL_ARN = "arn:aws:lambda:us-east-1:000000000000:function:fail";
  private static Vertx vertx;

  private LambdaFunctionServer server;
  private LambdaFunctions functions;
  private MemorySwf swf;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    Await.await(vertx.close().toCompletionStage());
  }

  @BeforeEach
  void domainAndFunctions() {
    server = new LambdaFunctionServer();
    functions = LambdaFunctions.create(vertx, Map.of("hello", server.url("hello"), FAIL_ARN, server.url("fail"),
        "hold", server.url("hold")));
    swf = new MemorySwf(MemorySwf.CONFIGURED, functions);
    domainWithType();
  }

  private void domainWithType() {
    swf.domain("orders");
    swf.flowType("orders", "1");
  }

  @AfterEach
  void stopFunctions() {
    functions.close();
    server.close();
  }

  /** Starts workflow {@code workflowId}, with the Lambda role unless {@code role} is false; its runId. */
  private String start(String workflowId, boolean role) {
    return swf.call(StartWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId + "\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}" + (role ? ",\"lambdaRole\":\"" + ROLE + "\"" : "")
        + "}").get("runId").asText();
  }

  private JsonNode pollDecision() {
    return swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"decide\"}}");
  }

  private void decide(String decisions) {
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + pollDecision().get("taskToken").asText()
        + "\",\"decisions\":[" + decisions + "]}");
  }

  private static String lambda(String id, String name, String more) {
    return "{\"decisionType\":\"ScheduleLambdaFunction\",\"scheduleLambdaFunctionDecisionAttributes\":{\"id\":\""
        + id + "\",\"name\":\"" + name + "\"" + more + "}}";
  }

  private String execution(String workflowId, String runId) {
    return "{\"domain\":\"orders\",\"execution\":{\"workflowId\":\"" + workflowId + "\",\"runId\":\"" + runId + "\"}}";
  }

  private List<JsonNode> events(String workflowId, String runId) {
    List<JsonNode> events = new ArrayList<>();
    swf.call(GetWorkflowExecutionHistory::new, execution(workflowId, runId)).get("events").forEach(events::add);
    return events;
  }

  private List<String> types(String workflowId, String runId) {
    return events(workflowId, runId).stream().map(e -> e.get("eventType").asText()).toList();
  }

  /** The run's last event of {@code type}, waiting up to 10 s for it (the function answers on its own thread). */
  private JsonNode awaitEvent(String workflowId, String runId, String type) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> found = events(workflowId, runId).stream()
          .filter(e -> e.get("eventType").asText().equals(type)).toList();
      if (!found.isEmpty()) {
        return found.getLast();
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + type + " in " + types(workflowId, runId) + "; the functions got " + server.calls());
  }

  private static JsonNode attributes(JsonNode event) {
    String type = event.get("eventType").asText();
    return event.get(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventAttributes");
  }

  private int openLambdaFunctions(String workflowId, String runId) {
    return swf.call(DescribeWorkflowExecution::new, execution(workflowId, runId)).get("openCounts")
        .get("openLambdaFunctions").asInt();
  }

  @Test
  void aScheduledFunctionRunsWithItsInputAndItsResultIsRecordedWithADecisionTask() throws Exception {
    String runId = start("w1", true);

    decide(lambda("greet", "hello", ",\"input\":\"{\\\"who\\\":\\\"Sluice\\\"}\",\"control\":\"step 1\""));
    JsonNode completed = awaitEvent("w1", runId, "LambdaFunctionCompleted");

    List<JsonNode> events = events("w1", runId);
    assertEquals(List.of("DecisionTaskCompleted", "LambdaFunctionScheduled", "LambdaFunctionStarted",
        "LambdaFunctionCompleted", "DecisionTaskScheduled"), types("w1", runId).subList(3, 8));
    JsonNode scheduled = attributes(events.get(4));
    assertEquals("greet", scheduled.get("id").asText());
    assertEquals("hello", scheduled.get("name").asText());
    assertEquals("step 1", scheduled.get("control").asText());
    assertEquals("{\"who\":\"Sluice\"}", scheduled.get("input").asText());
    assertEquals("300", scheduled.get("startToCloseTimeout").asText());
    assertEquals(events.get(3).get("eventId").asLong(), scheduled.get("decisionTaskCompletedEventId").asLong());
    assertEquals(events.get(4).get("eventId").asLong(), attributes(events.get(5)).get("scheduledEventId").asLong());
    assertEquals(events.get(4).get("eventId").asLong(), attributes(completed).get("scheduledEventId").asLong());
    assertEquals(events.get(5).get("eventId").asLong(), attributes(completed).get("startedEventId").asLong());
    assertEquals("Hello, Sluice!", attributes(completed).get("result").asText());
    // the function got the input as its event; control stays with the decider
    assertEquals(List.of(new LambdaFunctionServer.Call("hello", "{\"who\":\"Sluice\"}")), server.calls());
    assertEquals(0, openLambdaFunctions("w1", runId));
    JsonNode task = pollDecision();
    assertEquals("DecisionTaskStarted", task.get("events").get(task.get("events").size() - 1).get("eventType").asText());
  }

  @Test
  void aFunctionWithoutInputGetsAnEmptyObjectAndItsTimeoutIsTheOneGiven() throws Exception {
    String runId = start("w1", true);

    decide(lambda("greet", "hello", ",\"startToCloseTimeout\":\"900\""));
    awaitEvent("w1", runId, "LambdaFunctionCompleted");

    assertEquals("{}", server.calls().getFirst().event());
    JsonNode scheduled = attributes(events("w1", runId).get(4));
    assertEquals("900", scheduled.get("startToCloseTimeout").asText());
    assertFalse(scheduled.has("input"));
    assertFalse(scheduled.has("control"));
  }

  @Test
  void aFunctionsErrorIsLambdaFunctionFailedWithItsErrorTypeAndDocument() throws Exception {
    String runId = start("w1", true);

    decide(lambda("charge", FAIL_ARN, ""));
    JsonNode failed = awaitEvent("w1", runId, "LambdaFunctionFailed");

    assertEquals("CardDeclined", attributes(failed).get("reason").asText());
    assertEquals(LambdaFunctionServer.ERROR, attributes(failed).get("details").asText());
    assertTrue(attributes(failed).get("startedEventId").asLong() > 0);
    assertEquals("DecisionTaskScheduled", types("w1", runId).getLast());
    assertEquals(0, openLambdaFunctions("w1", runId));
  }

  @Test
  void aFunctionWhoseUrlCannotBeReachedFailsAsLambdaUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    functions.close();
    functions = LambdaFunctions.create(vertx, Map.of("down", "http://127.0.0.1:" + closedPort + "/down"));
    swf = new MemorySwf(MemorySwf.CONFIGURED, functions);
    domainWithType();
    String runId = start("w1", true);

    decide(lambda("d", "down", ""));
    JsonNode failed = awaitEvent("w1", runId, "LambdaFunctionFailed");

    assertEquals("Lambda.ServiceUnavailable", attributes(failed).get("reason").asText());
    assertTrue(attributes(failed).get("details").asText().contains(String.valueOf(closedPort)));
    assertEquals(List.of("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
        "DecisionTaskScheduled"), types("w1", runId).subList(4, 8));
  }

  @Test
  void aFunctionNoUrlIsMappedToFailsToStartAsAMissingFunction() throws Exception {
    String runId = start("w1", true);

    decide(lambda("gone", "missing", ""));
    JsonNode failed = awaitEvent("w1", runId, "StartLambdaFunctionFailed");

    assertEquals(List.of("LambdaFunctionScheduled", "StartLambdaFunctionFailed", "DecisionTaskScheduled"),
        types("w1", runId).subList(4, 7));
    assertEquals("Function not found: missing", attributes(failed).get("message").asText());
    assertFalse(attributes(failed).has("cause"));
    assertEquals(events("w1", runId).get(4).get("eventId").asLong(), attributes(failed).get("scheduledEventId").asLong());
    assertTrue(server.calls().isEmpty());
  }

  @Test
  void aRunWithoutALambdaRoleFailsToStartItsFunctionsWithAssumeRoleFailed() throws Exception {
    String runId = start("w1", false);

    decide(lambda("greet", "hello", ""));
    JsonNode failed = awaitEvent("w1", runId, "StartLambdaFunctionFailed");

    assertEquals("ASSUME_ROLE_FAILED", attributes(failed).get("cause").asText());
    assertFalse(types("w1", runId).contains("LambdaFunctionStarted"));
    assertTrue(server.calls().isEmpty());
  }

  @Test
  void scheduleFailsForAnIdInUseAndPastFiftyOpenFunctions() throws Exception {
    String runId = start("w1", true);

    // 50 held by "hold", then the same id again, then a 51st
    String fifty = IntStream.range(0, 50).mapToObj(i -> lambda("h" + i, "hold", "")).collect(Collectors.joining(","));
    decide(fifty + "," + lambda("h0", "hello", "") + "," + lambda("h50", "hello", ""));
    awaitEvent("w1", runId, "LambdaFunctionStarted");

    List<JsonNode> failures = events("w1", runId).stream()
        .filter(e -> e.get("eventType").asText().equals("ScheduleLambdaFunctionFailed")).toList();
    assertEquals(2, failures.size());
    assertEquals("h0", attributes(failures.get(0)).get("id").asText());
    assertEquals("hello", attributes(failures.get(0)).get("name").asText());
    assertEquals("ID_ALREADY_IN_USE", attributes(failures.get(0)).get("cause").asText());
    assertEquals("OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED", attributes(failures.get(1)).get("cause").asText());
    assertEquals(events("w1", runId).get(3).get("eventId").asLong(),
        attributes(failures.get(1)).get("decisionTaskCompletedEventId").asLong());
    assertEquals(50, openLambdaFunctions("w1", runId));
    assertEquals("DecisionTaskScheduled", types("w1", runId).get(56));
  }

  @Test
  void scheduleFailsWhereNoFunctionIsMappedAsLambdaIsNotAvailable() {
    swf = new MemorySwf(MemorySwf.CONFIGURED, LambdaFunctions.none());
    domainWithType();
    String runId = start("w1", true);

    decide(lambda("greet", "hello", ""));

    JsonNode failed = events("w1", runId).get(4);
    assertEquals("ScheduleLambdaFunctionFailed", failed.get("eventType").asText());
    assertEquals("LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION", attributes(failed).get("cause").asText());
    assertEquals("DecisionTaskScheduled", types("w1", runId).getLast());
  }

  @Test
  void aFunctionSilentPastItsStartToCloseTimeoutTimesOutAndItsLateAnswerIsDropped() throws Exception {
    String runId = start("w1", true);
    TimerDriver driver = new TimerDriver(swf.services, "node");
    decide(lambda("slow", "hold", ",\"startToCloseTimeout\":\"5\""));
    JsonNode started = awaitEvent("w1", runId, "LambdaFunctionStarted");

    swf.clock.advanceSeconds(4);
    Await.await(driver.tick());
    assertEquals(1, openLambdaFunctions("w1", runId));
    swf.clock.advanceSeconds(1);
    Await.await(driver.tick());

    JsonNode timedOut = events("w1", runId).get(6);
    assertEquals("LambdaFunctionTimedOut", timedOut.get("eventType").asText());
    assertEquals("START_TO_CLOSE", attributes(timedOut).get("timeoutType").asText());
    assertEquals(started.get("eventId").asLong(), attributes(timedOut).get("startedEventId").asLong());
    assertEquals(attributes(started).get("scheduledEventId").asLong(),
        attributes(timedOut).get("scheduledEventId").asLong());
    assertEquals("DecisionTaskScheduled", events("w1", runId).get(7).get("eventType").asText());
    assertEquals(0, openLambdaFunctions("w1", runId));
    // When the function answers after all
    server.awaitCalls(1, Duration.ofSeconds(10));
    server.release();
    server.awaitLateAnswers(1, Duration.ofSeconds(10));
    Thread.sleep(500);
    assertEquals(8, types("w1", runId).size(), () -> types("w1", runId).toString());
  }

  @Test
  void aRepeatedDeliveryInvokesTheFunctionOnce() throws Exception {
    String runId = start("w1", true);
    decide(lambda("slow", "hold", ""));
    JsonNode scheduled = awaitEvent("w1", runId, "LambdaFunctionScheduled");
    awaitEvent("w1", runId, "LambdaFunctionStarted");
    Execution.Lambda lambda = new Execution.Lambda();
    lambda.id = "slow";
    lambda.scheduledEventId = scheduled.get("eventId").asLong();
    ExecutionKey run = new ExecutionKey(new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT, "orders"), "w1", runId);

    // the message delivered again while the function runs, and after it answered
    Await.await(swf.services.histories().deliver(InvokeLambdaFunction.message(run, lambda)));
    server.awaitCalls(1, Duration.ofSeconds(10));
    server.release();
    awaitEvent("w1", runId, "LambdaFunctionCompleted");
    Await.await(swf.services.histories().deliver(InvokeLambdaFunction.message(run, lambda)));

    // no second call comes (an invocation is sent after its delivery answered)
    assertThrows(AssertionError.class, () -> server.awaitCalls(2, Duration.ofMillis(500)));
    assertEquals(1, server.calls().size());
    assertEquals(List.of("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionCompleted",
        "DecisionTaskScheduled"), types("w1", runId).subList(4, types("w1", runId).size()));
  }

  @Test
  void malformedScheduleLambdaFunctionDecisionsAreRefused() {
    start("w1", true);
    String token = pollDecision().get("taskToken").asText();

    for (String bad : List.of(lambda("a:b", "hello", ""), lambda("a", "hello", ",\"startToCloseTimeout\":\"0\""),
        lambda("a", "hello", ",\"startToCloseTimeout\":\"901\""),
        lambda("a", "hello", ",\"startToCloseTimeout\":\"NONE\""), lambda("a", "", ""),
        "{\"decisionType\":\"ScheduleLambdaFunction\"}")) {
      assertEquals("ValidationException", swf.errorCode(RespondDecisionTaskCompleted::new,
          "{\"taskToken\":\"" + token + "\",\"decisions\":[" + bad + "]}"), bad);
    }
  }
}

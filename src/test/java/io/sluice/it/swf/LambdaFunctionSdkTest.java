package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.swf.LambdaFunctionServer;
import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.StartLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * Lambda tasks through the AWS SDK v2 {@code SwfClient} on each engine, the functions served at real
 * function URLs by a local {@link LambdaFunctionServer} and mapped by {@code SLUICE_LAMBDA_ENDPOINTS}:
 * a decider schedules a function and completes the workflow with its result; a function's error, a
 * missing function, a run without a Lambda role and a function silent past its start-to-close timeout
 * (the node's clock moved on) reach the decider as AWS records them.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class LambdaFunctionSdkTest {
  static final ManualClock CLOCK = new ManualClock(1_790_000_000_000L);
  static final String ROLE = "arn:aws:iam::000000000000:role/swf-lambda";
  static final String FAIL_ARN = "arn:aws:lambda:us-east-1:000000000000:function:fail";
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static LambdaFunctionServer functions;

  @Parameter
  Engine engine;
  SwfClient swf;
  String domain;

  @BeforeAll
  static void start() {
    functions = new LambdaFunctionServer();
    Map<String, String> env = Map.of("SLUICE_LAMBDA_ENDPOINTS",
        functions.endpoints(Map.of("hello", "hello", FAIL_ARN, "fail", "hold", "hold")));
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, env));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, env, RedisTestServer.uniquePrefix("swf-lambda")));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    functions.close();
  }

  @BeforeEach
  void clientAndDomain() {
    swf = SwfClients.sync(NODES.get(engine).endpoint());
    domain = TestSluice.uniqueName("lambda-" + engine.name().toLowerCase());
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("decide"))
        .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  private WorkflowExecution start(String workflowId, String role) {
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId(workflowId).lambdaRole(role)
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  private PollForDecisionTaskResponse poll() {
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));
  }

  private static Decision lambda(String id, String name, String input, String timeout) {
    return Decision.builder().decisionType(DecisionType.SCHEDULE_LAMBDA_FUNCTION)
        .scheduleLambdaFunctionDecisionAttributes(a -> a.id(id).name(name).input(input).startToCloseTimeout(timeout))
        .build();
  }

  private List<HistoryEvent> history(WorkflowExecution run) {
    return swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(run)).events();
  }

  /** The run's history once {@code done} holds for it, waiting up to 10 s. */
  private List<HistoryEvent> awaitHistory(WorkflowExecution run, Predicate<List<EventType>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<HistoryEvent> events = history(run);
      if (done.test(events.stream().map(HistoryEvent::eventType).toList())) {
        return events;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("history never got there: " + events.stream().map(HistoryEvent::eventType).toList());
      }
      Thread.sleep(20);
    }
  }

  private static HistoryEvent first(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.eventType() == type).findFirst().orElseThrow();
  }

  @Test
  void aDeciderRunsAFunctionAndCompletesTheWorkflowWithItsResult() {
    // Given a run with a Lambda role whose decider schedules the function hello
    WorkflowExecution run = start("greet", ROLE);
    String first = poll().taskToken();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(first).decisions(lambda("g", "hello", "{\"who\":\"SWF\"}", null)));

    // When the decider's next task comes (held until the function answered) and it completes the workflow
    PollForDecisionTaskResponse next = poll();
    HistoryEvent completed = first(next.events(), EventType.LAMBDA_FUNCTION_COMPLETED);
    swf.respondDecisionTaskCompleted(r -> r.taskToken(next.taskToken()).decisions(Decision.builder()
        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
        .completeWorkflowExecutionDecisionAttributes(a -> a.result(
            completed.lambdaFunctionCompletedEventAttributes().result())).build()));

    // Then the history holds the Lambda task's events in AWS's order and the workflow's result
    List<HistoryEvent> events = history(run);
    assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED,
        EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED, EventType.LAMBDA_FUNCTION_SCHEDULED,
        EventType.LAMBDA_FUNCTION_STARTED, EventType.LAMBDA_FUNCTION_COMPLETED, EventType.DECISION_TASK_SCHEDULED,
        EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED, EventType.WORKFLOW_EXECUTION_COMPLETED),
        events.stream().map(HistoryEvent::eventType).toList());
    assertEquals("300", events.get(4).lambdaFunctionScheduledEventAttributes().startToCloseTimeout());
    assertEquals(5L, completed.lambdaFunctionCompletedEventAttributes().scheduledEventId());
    assertEquals(6L, completed.lambdaFunctionCompletedEventAttributes().startedEventId());
    assertEquals("Hello, SWF!", events.getLast().workflowExecutionCompletedEventAttributes().result());
  }

  @Test
  void anErrorAMissingFunctionAndASilentOneReachTheDecider() throws Exception {
    // Given a run whose decider schedules a failing, a missing and a silent function (5 s to answer)
    WorkflowExecution run = start("trouble", ROLE);
    String first = poll().taskToken();
    int calls = functions.calls().size();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(first).decisions(lambda("f", FAIL_ARN, null, null),
        lambda("m", "missing", null, null), lambda("s", "hold", null, "5")));
    awaitHistory(run, types -> types.contains(EventType.LAMBDA_FUNCTION_FAILED)
        && types.contains(EventType.START_LAMBDA_FUNCTION_FAILED)
        && types.stream().filter(EventType.LAMBDA_FUNCTION_STARTED::equals).count() == 2);
    int openBefore = swf.describeWorkflowExecution(r -> r.domain(domain).execution(run)).openCounts()
        .openLambdaFunctions();
    functions.awaitCalls(calls + 2, Duration.ofSeconds(10));

    // When the node's clock passes the silent function's start-to-close timeout
    CLOCK.advanceSeconds(5);
    awaitHistory(run, types -> types.contains(EventType.LAMBDA_FUNCTION_TIMED_OUT));
    PollForDecisionTaskResponse task = poll();

    // Then the decider sees each end as AWS records it, and the late answer changes nothing
    List<HistoryEvent> events = task.events();
    HistoryEvent failed = first(events, EventType.LAMBDA_FUNCTION_FAILED);
    assertEquals("CardDeclined", failed.lambdaFunctionFailedEventAttributes().reason());
    assertEquals(LambdaFunctionServer.ERROR, failed.lambdaFunctionFailedEventAttributes().details());
    assertEquals("Function not found: missing",
        first(events, EventType.START_LAMBDA_FUNCTION_FAILED).startLambdaFunctionFailedEventAttributes().message());
    assertEquals("START_TO_CLOSE", first(events, EventType.LAMBDA_FUNCTION_TIMED_OUT)
        .lambdaFunctionTimedOutEventAttributes().timeoutTypeAsString());
    assertEquals(1, openBefore);
    assertEquals(0, swf.describeWorkflowExecution(r -> r.domain(domain).execution(run)).openCounts()
        .openLambdaFunctions());
    int before = history(run).size();
    // the function's late answer reaches the node (answers are counted over both engines' runs)
    int late = functions.lateAnswers();
    functions.release();
    functions.awaitLateAnswers(late + 1, Duration.ofSeconds(10));
    Thread.sleep(200);
    assertTrue(history(run).stream().noneMatch(e -> e.eventType() == EventType.LAMBDA_FUNCTION_COMPLETED));
    assertEquals(before, history(run).size());
  }

  @Test
  void aRunWithoutALambdaRoleCannotStartItsFunctions() throws Exception {
    WorkflowExecution run = start("no-role", null);
    String first = poll().taskToken();

    swf.respondDecisionTaskCompleted(r -> r.taskToken(first).decisions(lambda("g", "hello", "{\"who\":\"x\"}", null)));
    PollForDecisionTaskResponse next = poll();

    assertEquals(StartLambdaFunctionFailedCause.ASSUME_ROLE_FAILED, first(next.events(),
        EventType.START_LAMBDA_FUNCTION_FAILED).startLambdaFunctionFailedEventAttributes().cause());
    assertTrue(next.events().stream().noneMatch(e -> e.eventType() == EventType.LAMBDA_FUNCTION_STARTED));
  }
}

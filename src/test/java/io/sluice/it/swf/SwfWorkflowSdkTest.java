package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * A workflow run end to end through the AWS SDK v2 {@code SwfClient} on each engine: a decider and an
 * activity worker, each a loop of held polls on its own thread, run start → schedule activity →
 * worker completes → decider completes the workflow; the decider's poll is held before the start and
 * woken by it; timers and timeouts (a heartbeat timeout renewed by heartbeats) on the node's clock.
 * SWF clients get a socket timeout above the 60-second poll.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SwfWorkflowSdkTest {
  static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("swf-run");

  @Parameter
  Engine engine;
  SwfClient swf;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void client() {
    swf = client(engine);
  }

  static SwfClient client(Engine engine) {
    return SwfClients.sync(NODES.get(engine).endpoint());
  }

  /** A new domain with workflow type order/1 (decision task list {@code decide}, every default set). */
  private String domainWithType(String prefix) {
    String domain = TestSluice.uniqueName(prefix + "-" + engine.name().toLowerCase());
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("decide"))
        .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
    return domain;
  }

  /**
   * Registers activity type charge/1 in {@code domain}: task list {@code work}, schedule-to-start 60 s,
   * schedule-to-close 120 s, start-to-close 60 s, heartbeat {@code heartbeat}.
   */
  private void registerCharge(String domain, String heartbeat) {
    swf.registerActivityType(r -> r.domain(domain).name("charge").version("1").defaultTaskList(t -> t.name("work"))
        .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
        .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout(heartbeat));
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  @Test
  void aDeciderAndAWorkerRunAWorkflowThroughOneActivityToCompletion() throws Exception {
    // Given a domain, a workflow type and an activity type with their defaults
    String domain = domainWithType("run");
    registerCharge(domain, "NONE");

    // When a decider and a worker poll on their threads and the workflow is started
    // (own threads: the common pool may have one thread on a small machine, and both loops block)
    ExecutorService loops = Executors.newFixedThreadPool(2);
    CompletableFuture<Void> decider = CompletableFuture.runAsync(() -> decide(domain, 2), loops);
    CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> work(domain), loops);
    Thread.sleep(300);
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("order-1")
        .workflowType(WorkflowType.builder().name("order").version("1").build()).input("42")).runId();
    decider.get(30, TimeUnit.SECONDS);
    worker.get(30, TimeUnit.SECONDS);
    loops.shutdown();

    // Then the workflow completed with the activity's result, after the events AWS records
    WorkflowExecution execution = WorkflowExecution.builder().workflowId("order-1").runId(runId).build();
    List<HistoryEvent> events = swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(execution)).events();
    assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED,
        EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED, EventType.ACTIVITY_TASK_SCHEDULED,
        EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED, EventType.DECISION_TASK_SCHEDULED,
        EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED, EventType.WORKFLOW_EXECUTION_COMPLETED),
        events.stream().map(HistoryEvent::eventType).toList());
    assertEquals("charged 42", events.getLast().workflowExecutionCompletedEventAttributes().result());
    assertEquals("CLOSED", swf.describeWorkflowExecution(r -> r.domain(domain).execution(execution))
        .executionInfo().executionStatusAsString());
    assertEquals("COMPLETED", swf.describeWorkflowExecution(r -> r.domain(domain).execution(execution))
        .executionInfo().closeStatusAsString());
    // and /metrics counts it under SWF's CloudWatch names and dimensions
    String metrics = Prometheus.scrape(NODES.get(engine).endpoint());
    String[] workflow = {"Domain=\"" + domain + "\"", "WorkflowTypeName=\"order\"", "WorkflowTypeVersion=\"1\""};
    assertEquals(1.0, Prometheus.labelledSample(metrics, "swf_WorkflowsCompleted_total", workflow).orElseThrow());
    assertEquals(2.0, Prometheus.labelledSample(metrics, "swf_DecisionTasksCompleted_total", workflow).orElseThrow());
    assertEquals(1.0, Prometheus.labelledSample(metrics, "swf_ActivityTasksCompleted_total", "Domain=\"" + domain
        + "\"", "ActivityTypeName=\"charge\"", "ActivityTypeVersion=\"1\"").orElseThrow());
  }

  @Test
  void aSecondStartOfAnOpenWorkflowIdAndAStaleTokenAreRefused() {
    String domain = domainWithType("dup");
    WorkflowType type = WorkflowType.builder().name("order").version("1").build();
    swf.startWorkflowExecution(r -> r.domain(domain).workflowId("w").workflowType(type));

    assertThrows(WorkflowExecutionAlreadyStartedException.class,
        () -> swf.startWorkflowExecution(r -> r.domain(domain).workflowId("w").workflowType(type)));
    PollForDecisionTaskResponse task = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));
    swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(Decision.builder()
        .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION).failWorkflowExecutionDecisionAttributes(a -> a.reason("no"))
        .build()));
    assertThrows(UnknownResourceException.class,
        () -> swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken())));
  }

  @Test
  void aSignalAndATerminationReachTheOpenRunByWorkflowId() {
    String domain = domainWithType("sig");
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("w")
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();

    swf.signalWorkflowExecution(r -> r.domain(domain).workflowId("w").signalName("go").input("now"));
    swf.requestCancelWorkflowExecution(r -> r.domain(domain).workflowId("w"));
    swf.terminateWorkflowExecution(r -> r.domain(domain).workflowId("w").reason("enough"));

    WorkflowExecution execution = WorkflowExecution.builder().workflowId("w").runId(runId).build();
    List<HistoryEvent> events = swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(execution)
        .reverseOrder(true).maximumPageSize(3)).events();
    assertEquals(List.of(EventType.WORKFLOW_EXECUTION_TERMINATED, EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        EventType.WORKFLOW_EXECUTION_SIGNALED), events.stream().map(HistoryEvent::eventType).toList());
    assertEquals("enough", events.getFirst().workflowExecutionTerminatedEventAttributes().reason());
    assertEquals("TERMINATED", swf.describeWorkflowExecution(r -> r.domain(domain).execution(execution))
        .executionInfo().closeStatusAsString());
    assertThrows(UnknownResourceException.class,
        () -> swf.signalWorkflowExecution(r -> r.domain(domain).workflowId("w").signalName("late")));
  }

  @Test
  void aRunContinuedAsNewGoesOnInItsSuccessorUnderTheSameWorkflowId() {
    String domain = domainWithType("can");
    String first = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("w")
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();
    PollForDecisionTaskResponse task = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));

    swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(Decision.builder()
        .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
        .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("round 2")).build()));
    PollForDecisionTaskResponse next = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));
    swf.respondDecisionTaskCompleted(r -> r.taskToken(next.taskToken()).decisions(Decision.builder()
        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build()));

    assertEquals(first, next.events().getFirst().workflowExecutionStartedEventAttributes().continuedExecutionRunId());
    assertEquals("round 2", next.events().getFirst().workflowExecutionStartedEventAttributes().input());
    WorkflowExecution successor = next.workflowExecution();
    assertEquals("COMPLETED", swf.describeWorkflowExecution(r -> r.domain(domain).execution(successor))
        .executionInfo().closeStatusAsString());
    assertEquals("CONTINUED_AS_NEW", swf.describeWorkflowExecution(r -> r.domain(domain)
        .execution(e -> e.workflowId("w").runId(first))).executionInfo().closeStatusAsString());
  }

  @Test
  void aTimerFiresOnTheNodesSchedulerWhenTheClockReachesIt() {
    String domain = domainWithType("timer");
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("w")
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();
    PollForDecisionTaskResponse task = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));
    swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(Decision.builder()
        .decisionType(DecisionType.START_TIMER).startTimerDecisionAttributes(a -> a.timerId("nap")
            .startToFireTimeout("300")).build()));

    CLOCK.advanceSeconds(300);
    PollForDecisionTaskResponse fired = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));

    assertEquals(runId, fired.workflowExecution().runId());
    assertEquals(List.of(EventType.TIMER_STARTED, EventType.TIMER_FIRED, EventType.DECISION_TASK_SCHEDULED,
        EventType.DECISION_TASK_STARTED), fired.events().subList(fired.events().size() - 4, fired.events().size())
        .stream().map(HistoryEvent::eventType).toList());
    assertEquals("nap", fired.events().get(fired.events().size() - 3).timerFiredEventAttributes().timerId());
  }

  @Test
  void aWorkerHeartbeatsFailsOneActivityAndCancelsAnotherTheDeciderAskedToCancel() {
    // Given a run whose decider scheduled two activities
    String domain = domainWithType("cancel");
    registerCharge(domain, "NONE");
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("order-c")
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();
    String first = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide"))).taskToken();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(first).decisions(schedule("a1"), schedule("a2")));
    PollForActivityTaskResponse a1 = swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name("work")));
    PollForActivityTaskResponse a2 = swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name("work")));

    // When the worker heartbeats and fails the first, the decider asks to cancel the second, and the
    // worker's next heartbeat learns it and cancels
    boolean beforeCancel = swf.recordActivityTaskHeartbeat(r -> r.taskToken(a2.taskToken()).details("half"))
        .cancelRequested();
    swf.respondActivityTaskFailed(r -> r.taskToken(a1.taskToken()).reason("declined").details("card"));
    String second = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide"))).taskToken();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(second).decisions(Decision.builder()
        .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
        .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(a2.activityId())).build()));
    boolean afterCancel = swf.recordActivityTaskHeartbeat(r -> r.taskToken(a2.taskToken())).cancelRequested();
    swf.respondActivityTaskCanceled(r -> r.taskToken(a2.taskToken()).details("stopped"));

    // Then the history holds the failure, the cancel request and the cancellation
    WorkflowExecution execution = WorkflowExecution.builder().workflowId("order-c").runId(runId).build();
    List<EventType> events = swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(execution)).events()
        .stream().map(HistoryEvent::eventType).toList();
    assertEquals(false, beforeCancel);
    assertEquals(true, afterCancel);
    assertTrue(events.contains(EventType.ACTIVITY_TASK_FAILED), events::toString);
    assertTrue(events.contains(EventType.ACTIVITY_TASK_CANCEL_REQUESTED), events::toString);
    assertTrue(events.contains(EventType.ACTIVITY_TASK_CANCELED), events::toString);
  }

  @Test
  void aWorkerThatStopsHeartbeatingTimesOutOnItsHeartbeatWithItsLastDetails() throws Exception {
    // Given an activity of a 20-second heartbeat timeout, started
    String domain = domainWithType("beat");
    registerCharge(domain, "20");
    String runId = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("order-h")
        .workflowType(WorkflowType.builder().name("order").version("1").build())).runId();
    String first = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide"))).taskToken();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(first).decisions(schedule("a1")));
    String work = swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name("work"))).taskToken();

    // When the worker heartbeats at 15 s and 30 s (after the first 20 s ran out and the node's
    // timers looked), then stops
    CLOCK.advanceSeconds(15);
    swf.recordActivityTaskHeartbeat(r -> r.taskToken(work).details("one"));
    CLOCK.advanceSeconds(15);
    Thread.sleep(500);
    swf.recordActivityTaskHeartbeat(r -> r.taskToken(work).details("two"));
    CLOCK.advanceSeconds(20);
    PollForDecisionTaskResponse next = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("decide")));

    // Then the task timed out on its heartbeat with the last details, and the worker's token is stale
    assertEquals(runId, next.workflowExecution().runId());
    HistoryEvent timedOut = next.events().stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT)
        .findFirst().orElseThrow();
    assertEquals("HEARTBEAT", timedOut.activityTaskTimedOutEventAttributes().timeoutTypeAsString());
    assertEquals("two", timedOut.activityTaskTimedOutEventAttributes().details());
    assertThrows(UnknownResourceException.class, () -> swf.recordActivityTaskHeartbeat(r -> r.taskToken(work)));
  }

  private static Decision schedule(String activityId) {
    return Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(a -> a.activityId(activityId)
            .activityType(ActivityType.builder().name("charge").version("1").build()))
        .build();
  }

  /** Handles {@code tasks} decision tasks: schedules the activity, then completes with its result. */
  private void decide(String domain, int tasks) {
    try (SwfClient decider = client(engine)) {
      int handled = 0;
      while (handled < tasks) {
        PollForDecisionTaskResponse task = decider.pollForDecisionTask(r -> r.domain(domain).taskList(TaskList.builder()
            .name("decide").build()).identity("decider"));
        if (task.taskToken() == null || task.taskToken().isEmpty()) {
          continue;
        }
        handled++;
        HistoryEvent last = task.events().getLast();
        HistoryEvent completed = task.events().stream()
            .filter(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED).findFirst().orElse(null);
        Decision decision = completed == null
            ? Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId("charge-1")
                    .activityType(ActivityType.builder().name("charge").version("1").build())
                    .input(task.events().getFirst().workflowExecutionStartedEventAttributes().input()))
                .build()
            : Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result(
                    completed.activityTaskCompletedEventAttributes().result())).build();
        assertEquals(EventType.DECISION_TASK_STARTED, last.eventType());
        decider.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision));
      }
    }
  }

  /** Handles one activity task: completes it with {@code charged <input>}. */
  private void work(String domain) {
    try (SwfClient worker = client(engine)) {
      while (true) {
        PollForActivityTaskResponse task = worker.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name("work"))
            .identity("worker"));
        if (task.taskToken() != null && !task.taskToken().isEmpty()) {
          worker.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("charged " + task.input()));
          return;
        }
      }
    }
  }
}

package io.sluice.it.swf;

import static io.sluice.it.swf.AsyncActivityWorker.abandoned;
import static io.sluice.it.swf.AsyncActivityWorker.completed;
import static io.sluice.it.swf.AsyncActivityWorker.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import io.sluice.it.swf.AsyncActivityWorker.Outcome;
import io.sluice.it.swf.AsyncDecider.DecisionTask;
import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionOpenCounts;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;

/**
 * Workflows run end to end on each engine by a decider and activity workers built on the AWS SDK v2
 * {@code SwfAsyncClient} ({@link AsyncDecider}, {@link AsyncActivityWorker}: chains of
 * CompletableFutures, polls held server-side): activities in sequence, parallel branches joined,
 * an activity retried after it failed, a timer, a signal waited for (a signal and a timer that
 * arrive while the decider decides), continue-as-new, cancellation of the run and of an activity (started or
 * not), and each timeout: decision task start-to-close, activity
 * schedule-to-start, schedule-to-close and start-to-close, execution start-to-close. Time moves
 * only on each node's manual clock. Every history is checked against the API reference's links
 * ({@link HistoryLinks}) and its events' attributes.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SwfAsyncWorkflowSdkTest {
  static final Map<Engine, ManualClock> CLOCKS = new EnumMap<>(Engine.class);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  /** How long a test waits for the workflow to get somewhere. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** How long a test watches for something that must not happen (a few of the node's 100 ms timer ticks). */
  private static final Duration QUIET = Duration.ofMillis(400);

  @Parameter
  Engine engine;
  SwfAsyncClient swf;
  ManualClock clock;
  String domain;

  @BeforeAll
  static void start() {
    for (Engine engine : Engine.values()) {
      CLOCKS.put(engine, new ManualClock(1_780_000_000_000L));
    }
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCKS.get(Engine.MEMORY), Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCKS.get(Engine.REDIS), Map.of(),
        RedisTestServer.uniquePrefix("swf-async")));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  /**
   * A new domain with workflow type order/1 (decision task list {@code decide}, task start-to-close
   * 30 s, execution 600 s, child policy TERMINATE) and activity types step/1 and charge/1 (task list
   * {@code work}, schedule-to-start 60 s, schedule-to-close 120 s, start-to-close 60 s, no heartbeat).
   */
  @BeforeEach
  void domain() {
    swf = SwfClients.async(NODES.get(engine).endpoint());
    clock = CLOCKS.get(engine);
    domain = TestSluice.uniqueName("async-" + engine.name().toLowerCase());
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1")).join();
    swf.registerWorkflowType(r -> r.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("decide"))
        .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600")).join();
    for (String activity : List.of("step", "charge")) {
      swf.registerActivityType(r -> r.domain(domain).name(activity).version("1").defaultTaskList(t -> t.name("work"))
          .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
          .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE")).join();
    }
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  @Test
  void threeActivitiesRunInSequenceEachOnThePreviousResult() {
    // Given a decider that schedules step-1, step-2, step-3, each on the previous one's result
    AsyncDecider.Logic logic = task -> {
      List<HistoryEvent> done = task.all(ACTIVITY_TASK_COMPLETED);
      String last = done.isEmpty() ? task.input() : done.getLast().activityTaskCompletedEventAttributes().result();
      return List.of(done.size() == 3 ? Decisions.complete(last)
          : Decisions.schedule("step", "step-" + (done.size() + 1), last));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work",
             task -> completed(task.input() + ">" + task.activityId())).start(1)) {
      // When the workflow runs
      WorkflowExecution run = start("seq", "order", r -> { });

      // Then it completed with the three steps' result, after the events AWS records, linked
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, ACTIVITY_TASK_SCHEDULED, ACTIVITY_TASK_STARTED, ACTIVITY_TASK_COMPLETED,
          DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, ACTIVITY_TASK_SCHEDULED,
          ACTIVITY_TASK_STARTED, ACTIVITY_TASK_COMPLETED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, ACTIVITY_TASK_SCHEDULED, ACTIVITY_TASK_STARTED, ACTIVITY_TASK_COMPLETED,
          DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, WORKFLOW_EXECUTION_COMPLETED),
          types(events));
      assertEquals("order>step-1>step-2>step-3",
          events.getLast().workflowExecutionCompletedEventAttributes().result());
      assertEquals(List.of(4L, 10L, 16L), all(events, ACTIVITY_TASK_SCHEDULED).stream()
          .map(e -> e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId()).toList());
      HistoryEvent second = events.get(10);
      assertEquals("step-2", second.activityTaskScheduledEventAttributes().activityId());
      assertEquals("order>step-1", second.activityTaskScheduledEventAttributes().input());
      assertEquals("work", second.activityTaskScheduledEventAttributes().taskList().name());
      assertEquals("60", second.activityTaskScheduledEventAttributes().scheduleToStartTimeout());
      assertEquals("120", second.activityTaskScheduledEventAttributes().scheduleToCloseTimeout());
      assertEquals("60", second.activityTaskScheduledEventAttributes().startToCloseTimeout());
      assertEquals("worker-0", events.get(11).activityTaskStartedEventAttributes().identity());
      assertEquals("decider-0", events.get(2).decisionTaskStartedEventAttributes().identity());
      // each decision task names the previous one's started event and carries the whole history,
      // gathered in pages of ten events
      List<DecisionTask> tasks = decider.tasks();
      assertEquals(List.of(3L, 9L, 15L, 21L), tasks.stream().map(DecisionTask::startedEventId).toList());
      assertEquals(List.of(0L, 3L, 9L, 15L), tasks.stream().map(DecisionTask::previousStartedEventId).toList());
      assertEquals(21, tasks.getLast().events().size());
      assertEquals(events.subList(0, 21), tasks.getLast().events());
      assertEquals(List.of("order", "order>step-1", "order>step-1>step-2"),
          worker.tasks().stream().map(PollForActivityTaskResponse::input).toList());
      PollForActivityTaskResponse last = worker.tasks().getLast();
      assertEquals(run, last.workflowExecution());
      assertEquals(18L, last.startedEventId());
      assertEquals("step", last.activityType().name());
      assertEquals("1", last.activityType().version());
      // the time the latest activity task was scheduled
      assertEquals(events.get(16).eventTimestamp(), swf.describeWorkflowExecution(r -> r.domain(domain)
          .execution(run)).join().latestActivityTaskTimestamp());
    }
  }

  @Test
  void parallelBranchesScheduledInOneDecisionRunTogetherAndAreJoined() {
    // Given a decider that schedules three branches in one decision and completes once all three did,
    // and a worker of three pollers, each branch answering only once all three are started
    List<String> branches = List.of("a", "b", "c");
    AsyncDecider.Logic logic = task -> {
      if (!task.has(ACTIVITY_TASK_SCHEDULED)) {
        return branches.stream().map(b -> Decisions.schedule("step", "branch-" + b, b)).toList();
      }
      List<HistoryEvent> done = task.all(ACTIVITY_TASK_COMPLETED);
      return done.size() < branches.size() ? List.of() : List.of(Decisions.complete(done.stream()
          .map(e -> e.activityTaskCompletedEventAttributes().result()).sorted().collect(Collectors.joining(","))));
    };
    Map<String, CompletableFuture<Void>> started = new ConcurrentHashMap<>();
    branches.forEach(b -> started.put("branch-" + b, new CompletableFuture<>()));
    CompletableFuture<Void> allStarted = CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new));
    AsyncActivityWorker.Handler handler = task -> {
      started.get(task.activityId()).complete(null);
      return allStarted.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
          .thenApply(v -> new Outcome.Completed(task.input().toUpperCase()));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work", handler).start(3)) {
      // When the workflow runs
      WorkflowExecution run = start("fan", "go", r -> { });

      // Then the three were scheduled by one decision, all started before any completed, and joined
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals("A,B,C", events.getLast().workflowExecutionCompletedEventAttributes().result());
      List<HistoryEvent> scheduled = all(events, ACTIVITY_TASK_SCHEDULED);
      assertEquals(List.of(5L, 6L, 7L), scheduled.stream().map(HistoryEvent::eventId).toList());
      assertEquals(Set.of(4L), scheduled.stream()
          .map(e -> e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId()).collect(Collectors.toSet()));
      long lastStart = all(events, ACTIVITY_TASK_STARTED).getLast().eventId();
      assertTrue(lastStart < all(events, ACTIVITY_TASK_COMPLETED).getFirst().eventId(), () -> types(events).toString());
      assertEquals(Set.of("worker-0", "worker-1", "worker-2"), all(events, ACTIVITY_TASK_STARTED).stream()
          .map(e -> e.activityTaskStartedEventAttributes().identity()).collect(Collectors.toSet()));
      assertEquals(3, worker.tasks().size());
    }
  }

  @Test
  void anActivityThatFailsIsRetriedByTheDeciderUntilItSucceeds() {
    // Given a worker whose first two attempts fail and a decider that schedules a new attempt after a failure
    AsyncDecider.Logic logic = task -> {
      HistoryEvent lastClose = task.events().stream().filter(e -> e.eventType() == ACTIVITY_TASK_COMPLETED
          || e.eventType() == ACTIVITY_TASK_FAILED).reduce((a, b) -> b).orElse(null);
      int attempts = task.all(ACTIVITY_TASK_SCHEDULED).size();
      if (lastClose != null && lastClose.eventType() == ACTIVITY_TASK_COMPLETED) {
        return List.of(Decisions.complete(lastClose.activityTaskCompletedEventAttributes().result()));
      }
      return List.of(attempts == 5 ? Decisions.fail("gave up", "5 attempts")
          : Decisions.schedule("charge", "charge-" + (attempts + 1), task.input()));
    };
    AsyncActivityWorker.Handler handler = task -> task.activityId().equals("charge-3")
        ? completed("charged " + task.input() + " on attempt 3")
        : failed("declined", "card refused on " + task.activityId());
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work", handler).start(1)) {
      // When the workflow runs
      WorkflowExecution run = start("retry", "42", r -> { });

      // Then two failures were recorded, each retried, and the third attempt's result completed the run
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals("charged 42 on attempt 3", events.getLast().workflowExecutionCompletedEventAttributes().result());
      List<HistoryEvent> failures = all(events, ACTIVITY_TASK_FAILED);
      assertEquals(2, failures.size());
      for (int i = 0; i < failures.size(); i++) {
        var failure = failures.get(i).activityTaskFailedEventAttributes();
        HistoryEvent scheduled = events.get((int) (failure.scheduledEventId() - 1));
        assertEquals("declined", failure.reason());
        assertEquals("card refused on charge-" + (i + 1), failure.details());
        assertEquals("charge-" + (i + 1), scheduled.activityTaskScheduledEventAttributes().activityId());
        assertEquals(failure.scheduledEventId(), events.get((int) (failure.startedEventId() - 1))
            .activityTaskStartedEventAttributes().scheduledEventId());
      }
      assertEquals(List.of("charge-1", "charge-2", "charge-3"),
          worker.tasks().stream().map(PollForActivityTaskResponse::activityId).toList());
      assertEquals(1, all(events, ACTIVITY_TASK_COMPLETED).size());
    }
  }

  @Test
  void aTimerFiresWhenTheNodesClockReachesIt() throws Exception {
    // Given a run whose decider started a 300-second timer and completes with its control when it fires
    AsyncDecider.Logic logic = task -> task.has(TIMER_FIRED)
        ? List.of(Decisions.complete(task.last(TIMER_STARTED).orElseThrow().timerStartedEventAttributes().control()))
        : List.of(Decisions.startTimer("nap", 300, "woke up"));
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("timer", null, r -> { });
      awaitEvent(run, TIMER_STARTED);
      assertEquals(1, openCounts(run).openTimers());
      assertEquals(0, openCounts(run).openDecisionTasks());

      // When the clock moves 299 s nothing fires; at 300 s the timer fires
      clock.advanceSeconds(299);
      Thread.sleep(QUIET.toMillis());
      assertFalse(types(history(run)).contains(TIMER_FIRED));
      clock.advanceSeconds(1);

      // Then the decider saw TimerFired and completed
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, TIMER_STARTED, TIMER_FIRED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, WORKFLOW_EXECUTION_COMPLETED), types(events));
      var timerStarted = events.get(4).timerStartedEventAttributes();
      assertEquals("nap", timerStarted.timerId());
      assertEquals("300", timerStarted.startToFireTimeout());
      assertEquals(4L, timerStarted.decisionTaskCompletedEventId());
      assertEquals("nap", events.get(5).timerFiredEventAttributes().timerId());
      assertEquals(5L, events.get(5).timerFiredEventAttributes().startedEventId());
      assertEquals(Duration.ofSeconds(300), Duration.between(events.get(4).eventTimestamp(),
          events.get(5).eventTimestamp()));
      assertEquals("woke up", events.getLast().workflowExecutionCompletedEventAttributes().result());
    }
  }

  @Test
  void aTimerThatFiresWhileTheDeciderDecidesComesInTheNextDecisionTask() {
    // Given a run with a 10-second timer, whose decider, woken by a signal, answers only once the timer fired
    CompletableFuture<Void> timerFired = new CompletableFuture<>();
    AsyncDecider.LaterLogic logic = task -> {
      if (task.has(TIMER_FIRED)) {
        return CompletableFuture.completedFuture(List.of(Decisions.complete("fired")));
      }
      if (task.has(WORKFLOW_EXECUTION_SIGNALED)) {
        return timerFired.thenApply(v -> List.of(Decisions.complete("before the timer")));
      }
      return CompletableFuture.completedFuture(List.of(Decisions.startTimer("soon", 10, null)));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("busy", null, r -> { });
      awaitEvent(run, TIMER_STARTED);
      swf.signalWorkflowExecution(r -> r.domain(domain).workflowId(run.workflowId()).signalName("poke")).join();
      await(() -> decider.tasks().size() == 2, "the signal's decision task");

      // When the timer fires while that decision task is started, and the decider then completes the run
      clock.advanceSeconds(10);
      awaitEvent(run, TIMER_FIRED);
      timerFired.complete(null);

      // Then the close failed as UNHANDLED_DECISION and the next decision task brought TimerFired
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, TIMER_STARTED, WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED,
          DECISION_TASK_STARTED, TIMER_FIRED, DECISION_TASK_COMPLETED, COMPLETE_WORKFLOW_EXECUTION_FAILED,
          DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, WORKFLOW_EXECUTION_COMPLETED),
          types(events));
      assertEquals(5L, events.get(8).timerFiredEventAttributes().startedEventId());
      assertEquals("UNHANDLED_DECISION", events.get(10).completeWorkflowExecutionFailedEventAttributes()
          .causeAsString());
      assertEquals("fired", events.getLast().workflowExecutionCompletedEventAttributes().result());
      assertEquals(8L, decider.tasks().getLast().previousStartedEventId());
    }
  }

  @Test
  void aWorkflowWaitsForASignalAndCancelsItsDeadlineTimerWhenItArrives() throws Exception {
    // Given a decider that waits for the signal "approve" under a one-hour deadline timer
    AsyncDecider.Logic logic = task -> {
      if (task.has(WORKFLOW_EXECUTION_SIGNALED)) {
        String input = task.last(WORKFLOW_EXECUTION_SIGNALED).orElseThrow().workflowExecutionSignaledEventAttributes()
            .input();
        return List.of(Decisions.cancelTimer("deadline"), Decisions.complete("approved: " + input));
      }
      if (task.has(TIMER_FIRED)) {
        return List.of(Decisions.fail("no approval", null));
      }
      return List.of(Decisions.startTimer("deadline", 3600, null));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("approval", null, r -> { });
      awaitEvent(run, TIMER_STARTED);

      // When the signal is sent to the workflowId (no runId)
      swf.signalWorkflowExecution(r -> r.domain(domain).workflowId(run.workflowId()).signalName("approve")
          .input("yes")).join();

      // Then the decider saw it in a new decision task, canceled the timer and completed
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, TIMER_STARTED, WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED,
          DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, TIMER_CANCELED, WORKFLOW_EXECUTION_COMPLETED),
          types(events));
      var signaled = events.get(5).workflowExecutionSignaledEventAttributes();
      assertEquals("approve", signaled.signalName());
      assertEquals("yes", signaled.input());
      assertNull(signaled.externalWorkflowExecution());
      assertNull(signaled.externalInitiatedEventId());
      var canceled = events.get(9).timerCanceledEventAttributes();
      assertEquals("deadline", canceled.timerId());
      assertEquals(5L, canceled.startedEventId());
      assertEquals(9L, canceled.decisionTaskCompletedEventId());
      assertEquals("approved: yes", events.getLast().workflowExecutionCompletedEventAttributes().result());
      assertEquals(List.of(WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED),
          types(decider.tasks().getLast().events().subList(5, 8)));

      // and the canceled timer never fires
      clock.advanceSeconds(3600);
      Thread.sleep(QUIET.toMillis());
      assertEquals(events, history(run));
    }
  }

  @Test
  void aRunContinuedAsNewTwiceGoesOnUnderTheSameWorkflowIdUntilItCompletes() {
    // Given a decider that runs one count activity per run and continues as new until the count is 3
    AsyncDecider.Logic logic = task -> {
      int n = Integer.parseInt(task.input());
      if (!task.has(ACTIVITY_TASK_COMPLETED)) {
        return List.of(Decisions.schedule("step", "count", task.input()));
      }
      return List.of(n < 3 ? Decisions.continueAsNew(Integer.toString(n + 1)) : Decisions.complete("counted to " + n));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work",
             task -> completed(task.input())).start(1)) {
      // When the workflow runs from 1
      WorkflowExecution first = start("counter", "1", r -> { });

      // Then each run closed CONTINUED_AS_NEW naming its successor, which names it back, until the third completed
      List<WorkflowExecution> runs = new ArrayList<>(List.of(first));
      for (int n = 1; n <= 2; n++) {
        WorkflowExecution run = runs.getLast();
        assertEquals("CONTINUED_AS_NEW", awaitClosed(run).closeStatusAsString());
        List<HistoryEvent> events = history(run);
        var continued = events.getLast().workflowExecutionContinuedAsNewEventAttributes();
        assertEquals(Integer.toString(n + 1), continued.input());
        assertEquals("decide", continued.taskList().name());
        assertEquals("TERMINATE", continued.childPolicyAsString());
        assertEquals("order", continued.workflowType().name());
        assertEquals("1", continued.workflowType().version());
        assertEquals("600", continued.executionStartToCloseTimeout());
        assertEquals("30", continued.taskStartToCloseTimeout());
        WorkflowExecution next = WorkflowExecution.builder().workflowId(run.workflowId())
            .runId(continued.newExecutionRunId()).build();
        awaitClosed(next);
        var startedNext = history(next).getFirst().workflowExecutionStartedEventAttributes();
        assertEquals(run.runId(), startedNext.continuedExecutionRunId());
        assertEquals(Integer.toString(n + 1), startedNext.input());
        runs.add(next);
      }
      assertEquals("COMPLETED", awaitClosed(runs.getLast()).closeStatusAsString());
      assertEquals("counted to 3", history(runs.getLast()).getLast().workflowExecutionCompletedEventAttributes()
          .result());
      assertEquals(3, runs.stream().map(WorkflowExecution::runId).distinct().count());
      assertEquals(runs.stream().map(WorkflowExecution::runId).toList(), decider.tasks().stream()
          .map(t -> t.execution().runId()).distinct().toList());
      assertEquals(List.of("1", "2", "3"), worker.tasks().stream().map(PollForActivityTaskResponse::input).toList());
    }
  }

  @Test
  void aCancelRequestCancelsTheStartedActivityThroughItsHeartbeatAndThenTheRun() {
    // Given a run whose long activity heartbeats until it is asked to cancel, and a decider that
    // answers a cancel request by canceling the activity, then the run
    AsyncDecider.Logic logic = task -> {
      if (task.has(ACTIVITY_TASK_CANCELED)) {
        return List.of(Decisions.cancel("canceled on request"));
      }
      if (task.has(WORKFLOW_EXECUTION_CANCEL_REQUESTED) && !task.has(ACTIVITY_TASK_CANCEL_REQUESTED)) {
        return List.of(Decisions.requestCancelActivity("long"));
      }
      return task.has(ACTIVITY_TASK_SCHEDULED) ? List.of() : List.of(Decisions.schedule("step", "long", null));
    };
    List<Boolean> heartbeats = new CopyOnWriteArrayList<>();
    AsyncActivityWorker[] workers = new AsyncActivityWorker[1];
    AsyncActivityWorker.Handler handler = task -> workers[0].heartbeatUntilCancelRequested(task,
            Duration.ofMillis(50), 400)
        .thenApply(cancelRequested -> {
          heartbeats.add(cancelRequested);
          return cancelRequested ? new Outcome.Canceled("stopped at a heartbeat") : new Outcome.Completed("done");
        });
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work", handler)) {
      workers[0] = worker;
      worker.start(1);
      WorkflowExecution run = start("cancel", null, r -> { });
      awaitEvent(run, ACTIVITY_TASK_STARTED);
      assertEquals(1, openCounts(run).openActivityTasks());
      assertFalse(describe(run).cancelRequested());

      // When the run is asked to cancel
      swf.requestCancelWorkflowExecution(r -> r.domain(domain).workflowId(run.workflowId())).join();

      // Then the decider canceled the activity, the worker learnt it from a heartbeat, and the run was canceled
      WorkflowExecutionInfo info = awaitClosed(run);
      assertEquals("CANCELED", info.closeStatusAsString());
      assertTrue(info.cancelRequested());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, ACTIVITY_TASK_SCHEDULED, ACTIVITY_TASK_STARTED,
          WORKFLOW_EXECUTION_CANCEL_REQUESTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, ACTIVITY_TASK_CANCEL_REQUESTED, ACTIVITY_TASK_CANCELED, DECISION_TASK_SCHEDULED,
          DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, WORKFLOW_EXECUTION_CANCELED), types(events));
      var requested = events.get(6).workflowExecutionCancelRequestedEventAttributes();
      assertNull(requested.cause());
      assertNull(requested.externalWorkflowExecution());
      var activityCancelRequested = events.get(10).activityTaskCancelRequestedEventAttributes();
      assertEquals("long", activityCancelRequested.activityId());
      assertEquals(10L, activityCancelRequested.decisionTaskCompletedEventId());
      var activityCanceled = events.get(11).activityTaskCanceledEventAttributes();
      assertEquals("stopped at a heartbeat", activityCanceled.details());
      assertEquals(5L, activityCanceled.scheduledEventId());
      assertEquals(6L, activityCanceled.startedEventId());
      assertEquals(11L, activityCanceled.latestCancelRequestedEventId());
      var canceled = events.getLast().workflowExecutionCanceledEventAttributes();
      assertEquals("canceled on request", canceled.details());
      assertEquals(15L, canceled.decisionTaskCompletedEventId());
      assertEquals(List.of(true), heartbeats);
      // the activity's token is unknown once it was answered
      String token = worker.tasks().getFirst().taskToken();
      assertFault(UnknownResourceException.class, () -> swf.recordActivityTaskHeartbeat(r -> r.taskToken(token)));
    }
  }

  @Test
  void aCancelRequestCancelsAnActivityNoWorkerTookAtOnceAndThenTheRun() {
    // Given a run whose activity waits in a task list nobody polls, and a decider that answers a
    // cancel request by canceling the activity, then the run
    AsyncDecider.Logic logic = task -> {
      if (task.has(ACTIVITY_TASK_CANCELED)) {
        return List.of(Decisions.cancel(null));
      }
      if (task.has(WORKFLOW_EXECUTION_CANCEL_REQUESTED)) {
        return List.of(Decisions.requestCancelActivity("queued"));
      }
      return List.of(Decisions.schedule("step", "queued", null, a -> a.taskList(t -> t.name("nobody-polls"))));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("cancel-queued", null, r -> { });
      awaitEvent(run, ACTIVITY_TASK_SCHEDULED);
      assertEquals(1, openCounts(run).openActivityTasks());

      // When the run is asked to cancel
      swf.requestCancelWorkflowExecution(r -> r.domain(domain).workflowId(run.workflowId())).join();

      // Then the activity was canceled in the decision that asked for it, unstarted, and then the run
      assertEquals("CANCELED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, ACTIVITY_TASK_SCHEDULED, WORKFLOW_EXECUTION_CANCEL_REQUESTED,
          DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, ACTIVITY_TASK_CANCEL_REQUESTED,
          ACTIVITY_TASK_CANCELED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED,
          WORKFLOW_EXECUTION_CANCELED), types(events));
      var activityCanceled = events.get(10).activityTaskCanceledEventAttributes();
      assertEquals(5L, activityCanceled.scheduledEventId());
      assertEquals(0L, activityCanceled.startedEventId());
      assertEquals(10L, activityCanceled.latestCancelRequestedEventId());
      assertNull(activityCanceled.details());
      assertEquals(14L, events.getLast().workflowExecutionCanceledEventAttributes().decisionTaskCompletedEventId());
    }
  }

  @Test
  void aSignalThatArrivesWhileTheDeciderDecidesFailsItsCloseAsUnhandledAndComesInTheNextTask() {
    // Given a decider that completes the run on each task, but answers its first only after a signal was sent
    AsyncDecider.LaterLogic logic = task -> {
      if (task.startedEventId() == 3) {
        return swf.signalWorkflowExecution(r -> r.domain(domain).workflowId(task.execution().workflowId())
            .signalName("news").input("late")).thenApply(sent -> List.of(Decisions.complete("no news")));
      }
      return CompletableFuture.completedFuture(List.of(Decisions.complete("news: " + task
          .last(WORKFLOW_EXECUTION_SIGNALED).orElseThrow().workflowExecutionSignaledEventAttributes().input())));
    };
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      // When the workflow runs
      WorkflowExecution run = start("race", null, r -> { });

      // Then the first close failed as UNHANDLED_DECISION and the next task brought the signal
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_COMPLETED, COMPLETE_WORKFLOW_EXECUTION_FAILED,
          DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED, WORKFLOW_EXECUTION_COMPLETED),
          types(events));
      var unhandled = events.get(5).completeWorkflowExecutionFailedEventAttributes();
      assertEquals("UNHANDLED_DECISION", unhandled.causeAsString());
      assertEquals(5L, unhandled.decisionTaskCompletedEventId());
      assertEquals("news: late", events.getLast().workflowExecutionCompletedEventAttributes().result());
      assertEquals(3L, decider.tasks().getLast().previousStartedEventId());
    }
  }

  @Test
  void aDecisionTaskNotAnsweredInTimeTimesOutAndANewOneIsScheduled() throws Exception {
    // Given a decider that leaves its first decision task unanswered (as one that died would)
    AsyncDecider.Logic logic = task -> task.has(DECISION_TASK_TIMED_OUT) ? List.of(Decisions.complete("second try"))
        : null;
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("late", null, r -> r.taskStartToCloseTimeout("20"));
      await(() -> decider.tasks().size() == 1, "the first decision task");

      // When the clock passes 19 s nothing happens; at 20 s the task times out
      clock.advanceSeconds(19);
      Thread.sleep(QUIET.toMillis());
      assertFalse(types(history(run)).contains(DECISION_TASK_TIMED_OUT));
      clock.advanceSeconds(1);

      // Then a new decision task went to the decider, which completed the run; the late token is unknown
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED, DECISION_TASK_COMPLETED,
          WORKFLOW_EXECUTION_COMPLETED), types(events));
      var timedOut = events.get(3).decisionTaskTimedOutEventAttributes();
      assertEquals(DecisionTaskTimeoutType.START_TO_CLOSE, timedOut.timeoutType());
      assertEquals(2L, timedOut.scheduledEventId());
      assertEquals(3L, timedOut.startedEventId());
      assertEquals("20", events.get(4).decisionTaskScheduledEventAttributes().startToCloseTimeout());
      assertEquals(Duration.ofSeconds(20), Duration.between(events.get(2).eventTimestamp(),
          events.get(3).eventTimestamp()));
      DecisionTask second = decider.tasks().get(1);
      assertEquals(6L, second.startedEventId());
      assertEquals(0L, second.previousStartedEventId(), "no decision task was completed before");
      String late = decider.tasks().getFirst().taskToken();
      assertFault(UnknownResourceException.class, () -> swf.respondDecisionTaskCompleted(r -> r.taskToken(late)
          .decisions(Decisions.complete("too late"))));
    }
  }

  @Test
  void anActivityNobodyPollsForTimesOutScheduleToStartAndIsRetriedElsewhere() throws Exception {
    HistoryEvent timedOut = activityTimesOutAndIsRetried(ActivityTaskTimeoutType.SCHEDULE_TO_START,
        a -> a.taskList(t -> t.name("nobody-polls")).scheduleToStartTimeout("10"), ACTIVITY_TASK_SCHEDULED, 10);

    assertEquals(0L, timedOut.activityTaskTimedOutEventAttributes().startedEventId());
  }

  @Test
  void aStartedActivityPastItsScheduleToCloseTimeoutTimesOutAndIsRetried() throws Exception {
    HistoryEvent timedOut = activityTimesOutAndIsRetried(ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE,
        a -> a.scheduleToCloseTimeout("20"), ACTIVITY_TASK_STARTED, 20);

    assertEquals(6L, timedOut.activityTaskTimedOutEventAttributes().startedEventId());
  }

  @Test
  void aStartedActivityPastItsStartToCloseTimeoutTimesOutAndIsRetried() throws Exception {
    HistoryEvent timedOut = activityTimesOutAndIsRetried(ActivityTaskTimeoutType.START_TO_CLOSE,
        a -> a.startToCloseTimeout("15"), ACTIVITY_TASK_STARTED, 15);

    assertEquals(6L, timedOut.activityTaskTimedOutEventAttributes().startedEventId());
  }

  /**
   * Runs a workflow whose first attempt (charge-1, scheduled with {@code options}) is abandoned by
   * the worker, or never reaches one; once the run shows {@code ready}, moves the clock one second
   * short of {@code seconds} (nothing happens), then to it: the attempt times out as
   * {@code timeoutType}, the decider schedules charge-2 with the type's defaults and completes with its
   * result. A late answer with the first attempt's token is UnknownResourceFault. The ActivityTaskTimedOut event.
   */
  private HistoryEvent activityTimesOutAndIsRetried(ActivityTaskTimeoutType timeoutType,
                                                   Consumer<ScheduleActivityTaskDecisionAttributes.Builder> options,
                                                   EventType ready, long seconds) throws Exception {
    // Given a decider that schedules a new attempt after a timeout, and a worker that abandons the first
    AsyncDecider.Logic logic = task -> {
      if (task.has(ACTIVITY_TASK_COMPLETED)) {
        return List.of(Decisions.complete(task.last(ACTIVITY_TASK_COMPLETED).orElseThrow()
            .activityTaskCompletedEventAttributes().result()));
      }
      if (task.has(ACTIVITY_TASK_TIMED_OUT)) {
        return List.of(Decisions.schedule("charge", "charge-2", task.input()));
      }
      return List.of(Decisions.schedule("charge", "charge-1", task.input(), options));
    };
    AsyncActivityWorker.Handler handler = task -> task.activityId().equals("charge-1") ? abandoned()
        : completed("charged " + task.input() + " by " + task.activityId());
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1);
         AsyncActivityWorker worker = new AsyncActivityWorker(swf, domain, "work", handler).start(1)) {
      WorkflowExecution run = start("timeout", "7", r -> { });
      awaitEvent(run, ready);

      // When the clock moves to one second short of the timeout, nothing happens; then it times out
      clock.advanceSeconds(seconds - 1);
      Thread.sleep(QUIET.toMillis());
      assertFalse(types(history(run)).contains(ACTIVITY_TASK_TIMED_OUT));
      clock.advanceSeconds(1);

      // Then the attempt timed out as timeoutType, and the retry completed the run
      assertEquals("COMPLETED", awaitClosed(run).closeStatusAsString());
      List<HistoryEvent> events = history(run);
      assertEquals("charged 7 by charge-2", events.getLast().workflowExecutionCompletedEventAttributes().result());
      List<HistoryEvent> timeouts = all(events, ACTIVITY_TASK_TIMED_OUT);
      assertEquals(1, timeouts.size(), () -> types(events).toString());
      HistoryEvent timedOut = timeouts.getFirst();
      var attributes = timedOut.activityTaskTimedOutEventAttributes();
      assertEquals(timeoutType, attributes.timeoutType());
      assertEquals(5L, attributes.scheduledEventId());
      assertEquals("charge-1", events.get(4).activityTaskScheduledEventAttributes().activityId());
      assertEquals(Duration.ofSeconds(seconds), Duration.between(events.get(
          ready == ACTIVITY_TASK_SCHEDULED ? 4 : 5).eventTimestamp(), timedOut.eventTimestamp()));
      assertEquals(DECISION_TASK_SCHEDULED, events.get(timedOut.eventId().intValue()).eventType(),
          "a timeout asks the decider to decide");
      assertEquals(List.of("charge-2"), all(events, ACTIVITY_TASK_COMPLETED).stream()
          .map(e -> events.get((int) (e.activityTaskCompletedEventAttributes().scheduledEventId() - 1))
              .activityTaskScheduledEventAttributes().activityId()).toList());
      worker.tasks().stream().filter(t -> t.activityId().equals("charge-1")).findFirst().ifPresent(abandonedTask ->
          assertFault(UnknownResourceException.class, () -> swf.respondActivityTaskCompleted(r -> r
              .taskToken(abandonedTask.taskToken()).result("late"))));
      return timedOut;
    }
  }

  @Test
  void aRunPastItsExecutionStartToCloseTimeoutTimesOutAndItsTimerNeverFires() throws Exception {
    // Given a run of 100 s whose decider waits on a 1000-second timer
    AsyncDecider.Logic logic = task -> List.of(Decisions.startTimer("long-nap", 1000, null));
    try (AsyncDecider decider = new AsyncDecider(swf, domain, "decide", logic).start(1)) {
      WorkflowExecution run = start("slow", null, r -> r.executionStartToCloseTimeout("100"));
      awaitEvent(run, TIMER_STARTED);

      // When the clock passes 99 s the run is open; at 100 s it times out
      clock.advanceSeconds(99);
      Thread.sleep(QUIET.toMillis());
      assertEquals("OPEN", describe(run).executionStatusAsString());
      clock.advanceSeconds(1);

      // Then the run closed TIMED_OUT with WorkflowExecutionTimedOut, and takes no signal
      WorkflowExecutionInfo info = awaitClosed(run);
      assertEquals("TIMED_OUT", info.closeStatusAsString());
      assertEquals(Duration.ofSeconds(100), Duration.between(info.startTimestamp(), info.closeTimestamp()));
      List<HistoryEvent> events = history(run);
      assertEquals(List.of(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED,
          DECISION_TASK_COMPLETED, TIMER_STARTED, WORKFLOW_EXECUTION_TIMED_OUT), types(events));
      var timedOut = events.getLast().workflowExecutionTimedOutEventAttributes();
      assertEquals(WorkflowExecutionTimeoutType.START_TO_CLOSE, timedOut.timeoutType());
      assertEquals("TERMINATE", timedOut.childPolicyAsString());
      assertFault(UnknownResourceException.class, () -> swf.signalWorkflowExecution(r -> r.domain(domain)
          .workflowId(run.workflowId()).runId(run.runId()).signalName("late")));

      // and its timer never fires
      clock.advanceSeconds(1000);
      Thread.sleep(QUIET.toMillis());
      assertEquals(events, history(run));
      assertEquals(1, decider.tasks().size());
    }
  }

  // --- helpers ---

  private WorkflowExecution start(String workflowId, String input, Consumer<StartWorkflowExecutionRequest.Builder> options) {
    String runId = swf.startWorkflowExecution(r -> {
      r.domain(domain).workflowId(workflowId).workflowType(t -> t.name("order").version("1")).input(input);
      options.accept(r);
    }).join().runId();
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  /** The run's whole history, paged through, after checking how its events link ({@link HistoryLinks}). */
  private List<HistoryEvent> history(WorkflowExecution run) {
    List<HistoryEvent> events = new ArrayList<>();
    String next = null;
    do {
      String page = next;
      var answer = swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(run).maximumPageSize(100)
          .nextPageToken(page)).join();
      events.addAll(answer.events());
      next = answer.nextPageToken();
    } while (next != null);
    HistoryLinks.check(events);
    return events;
  }

  private WorkflowExecutionOpenCounts openCounts(WorkflowExecution run) {
    return swf.describeWorkflowExecution(r -> r.domain(domain).execution(run)).join().openCounts();
  }

  private WorkflowExecutionInfo describe(WorkflowExecution run) {
    return swf.describeWorkflowExecution(r -> r.domain(domain).execution(run)).join().executionInfo();
  }

  /** The run's info once it is closed (within {@link #WAIT}). */
  private WorkflowExecutionInfo awaitClosed(WorkflowExecution run) {
    await(() -> describe(run).executionStatusAsString().equals("CLOSED"), "run " + run + " closed");
    return describe(run);
  }

  private void awaitEvent(WorkflowExecution run, EventType type) {
    await(() -> types(history(run)).contains(type), type + " in " + run);
  }

  private static void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void assertFault(Class<? extends Throwable> fault, Supplier<CompletableFuture<?>> call) {
    CompletionException thrown = assertThrows(CompletionException.class, () -> call.get().join());
    assertInstanceOf(fault, thrown.getCause());
  }

  private static List<EventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::eventType).toList();
  }

  private static List<HistoryEvent> all(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.eventType() == type).toList();
  }
}

package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TwoNodeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * kill -9 of a node in the middle of SWF workflows loses nothing (issue 11, "Durable and shared"):
 * two clustered nodes A and B on one Redis, deciders and activity workers of the SDK v2
 * {@code SwfClient} polling both. Twenty workflows run activity → timer → activity → complete; A is
 * killed while ten of them wait on their timers and the other ten have their first activity started
 * (held by the workers), and the clients that used A move to B. Then every workflow completes; every
 * history numbers its events 1..n, fires each timer once and closes each scheduled activity once
 * (completed, or timed out and scheduled again by the decider); every call A acknowledged is in the
 * histories (durable before the reply); every timer fired after the kill, so on B, the only node left;
 * and no task was handed out twice (hand-outs counted per scheduled event). A kill between a commit
 * and carrying out its effects is not staged here: no hook stops a node at that point.
 */
class SwfKillNineTest {
  private static final int WORKFLOWS = 20;
  /** The timer's length: long enough that none is due before the kill on a loaded machine. */
  private static final int TIMER_SECONDS = 8;
  /**
   * How late B may fire a timer A set: B's scheduler claims due items every 100 ms; the rest is room
   * for a loaded machine. A timer that waited for A's lease or restart to run out would miss it.
   */
  private static final long LATE_MS = 5_000;
  private static final Duration GATE = Duration.ofSeconds(60);
  private static final Duration FINISH = Duration.ofSeconds(120);
  private static final WorkflowType TYPE = WorkflowType.builder().name("errand").version("1").build();

  /** A node and the client that talks to it. */
  private record Node(String name, SwfClient client) {}

  /** A task a poll handed out: its run, its started event, and the node that answered. */
  private record HandOut(String kind, String runId, long startedEventId, String node) {}

  /** A call a node answered with success: a respond of the task started at {@code startedEventId}. */
  private record Ack(String kind, String runId, long startedEventId, String node) {}

  private final Queue<HandOut> handOuts = new ConcurrentLinkedQueue<>();
  private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final Set<String> timersStarted = ConcurrentHashMap.newKeySet();
  private final Queue<PollForActivityTaskResponse> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger moved = new AtomicInteger();
  private volatile boolean killed;
  private volatile boolean stopped;
  private String domain;
  private Node b;

  @Test
  void killNineOfANodeMidWorkflowLosesNothingAndItsTimersFireOnTheNextNode() throws Exception {
    List<Map<String, String>> env = TwoNodeCluster.environments("swf-kill9", Map.of());
    ExecutorService loops = Executors.newFixedThreadPool(8);
    try (SluiceProcess processA = SluiceProcess.start(Engine.REDIS, env.get(0));
         SluiceProcess processB = SluiceProcess.start(Engine.REDIS, env.get(1));
         SwfClient clientA = SwfClients.sync(processA.endpoint());
         SwfClient clientB = SwfClients.sync(processB.endpoint())) {
      assertTrue(processB.printed("joined: 2 nodes", Duration.ofSeconds(60)), String.join("\n", processB.output()));
      Node a = new Node("A", clientA);
      b = new Node("B", clientB);

      // Given a domain and types, and two deciders and two workers polling each node
      domain = TestSluice.uniqueName("kill9");
      clientA.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
      clientA.registerWorkflowType(r -> r.domain(domain).name("errand").version("1")
          .defaultTaskList(t -> t.name("decide")).defaultChildPolicy("TERMINATE")
          .defaultTaskStartToCloseTimeout("10").defaultExecutionStartToCloseTimeout("600"));
      clientA.registerActivityType(r -> r.domain(domain).name("step").version("1")
          .defaultTaskList(t -> t.name("work")).defaultTaskScheduleToStartTimeout("60")
          .defaultTaskStartToCloseTimeout("60").defaultTaskScheduleToCloseTimeout("120")
          .defaultTaskHeartbeatTimeout("NONE"));
      for (Node node : List.of(a, a, b, b)) {
        loops.execute(() -> decider(node));
        loops.execute(() -> worker(node));
      }

      // When twenty workflows are started through both nodes, and A is killed once the even ones
      // wait on their timers and the odd ones' first activities are started and held
      Map<String, String> runs = new HashMap<>();
      for (int i = 0; i < WORKFLOWS; i++) {
        String id = "errand-" + i;
        Node via = i % 2 == 0 ? a : b;
        runs.put(id, via.client().startWorkflowExecution(r -> r.domain(domain).workflowId(id).workflowType(TYPE)
            .input(id)).runId());
      }
      // (the workers hold every first activity until all are started, then finish the even ones
      // through A, so that the even workflows' timers start together, well before any is due)
      await("every workflow's first activity started", GATE, () -> held.size() == WORKFLOWS || !failures.isEmpty());
      assertEquals(List.of(), List.copyOf(failures));
      List<PollForActivityTaskResponse> odd = new ArrayList<>();
      for (PollForActivityTaskResponse task : held) {
        if (workflow(task) % 2 == 0) {
          complete(new Node[] {a}, task);
        } else {
          odd.add(task);
        }
      }
      await("the even workflows' timers started", GATE,
          () -> timersStarted.size() == WORKFLOWS / 2 || !failures.isEmpty());
      assertEquals(List.of(), List.copyOf(failures));
      long killedAt = System.currentTimeMillis();
      processA.kill();
      killed = true;
      long handedOutByA = handOuts.stream().filter(h -> h.node().equals("A")).count();

      // and the odd workflows' first activities are finished through B
      for (PollForActivityTaskResponse task : odd) {
        complete(new Node[] {b}, task);
      }

      // Then every workflow completes
      await("every workflow closed", FINISH, () -> runs.entrySet().stream().allMatch(run -> "CLOSED".equals(
          clientB.describeWorkflowExecution(r -> r.domain(domain).execution(execution(run))).executionInfo()
              .executionStatusAsString())) || !failures.isEmpty());
      stopped = true;
      assertEquals(List.of(), List.copyOf(failures));

      // with histories intact, each acknowledged call in them, each task handed out once
      Map<String, List<HistoryEvent>> histories = new HashMap<>();
      for (Map.Entry<String, String> run : runs.entrySet()) {
        List<HistoryEvent> events = clientB.getWorkflowExecutionHistoryPaginator(r -> r.domain(domain)
            .execution(execution(run))).events().stream().toList();
        histories.put(run.getValue(), events);
        checkHistory(run.getKey(), events, killedAt);
      }
      checkAcknowledged(histories);
      checkHandedOutOnce(histories);
      assertTrue(handedOutByA > 0, "node A handed out no task before it was killed");

      List<Long> fired = new ArrayList<>();
      List<Long> late = new ArrayList<>();
      for (List<HistoryEvent> events : histories.values()) {
        for (HistoryEvent e : events) {
          if (e.eventType() == EventType.TIMER_FIRED) {
            long at = e.eventTimestamp().toEpochMilli();
            HistoryEvent started = events.get(e.timerFiredEventAttributes().startedEventId().intValue() - 1);
            fired.add(at - killedAt);
            late.add(at - started.eventTimestamp().toEpochMilli() - TIMER_SECONDS * 1000L);
          }
        }
      }
      long firstDue = histories.values().stream().flatMap(List::stream)
          .filter(e -> e.eventType() == EventType.TIMER_STARTED)
          .mapToLong(e -> e.eventTimestamp().toEpochMilli() + TIMER_SECONDS * 1000L).min().orElseThrow() - killedAt;
      System.out.printf("SWF kill -9: first timer fired on B %d ms after the kill (the first was due %d ms after it);"
              + " timers fired %d to %d ms late; %d tasks handed out by A before the kill, %d in all;"
              + " %d client calls moved from A to B%n",
          fired.stream().mapToLong(Long::longValue).min().orElseThrow(), firstDue,
          late.stream().mapToLong(Long::longValue).min().orElseThrow(),
          late.stream().mapToLong(Long::longValue).max().orElseThrow(), handedOutByA, handOuts.size(), moved.get());
      assertTrue(late.stream().allMatch(ms -> ms <= LATE_MS), "timers fired late by " + late + " ms");
    } finally {
      stopped = true;
      loops.shutdownNow();
      assertTrue(loops.awaitTermination(30, TimeUnit.SECONDS), "the poll loops did not stop");
    }
  }

  /** A decider's loop: polls its node (B once A is gone), decides from the whole history, responds. */
  private void decider(Node start) {
    loop(start, (c, n) -> {
      PollForDecisionTaskResponse t = c.pollForDecisionTask(r -> r.domain(domain)
          .taskList(l -> l.name("decide")).identity("decider-" + n));
      return handedOut("decision", t, t.taskToken(), t.workflowExecution(), t.startedEventId(), n);
    }, (at, task) -> {
      List<Decision> decisions = decide(task.events());
      boolean timer = decisions.stream().anyMatch(d -> d.decisionType() == DecisionType.START_TIMER);
      call(at, (c, n) -> {
        c.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions));
        acks.add(new Ack("decision", task.workflowExecution().runId(), task.startedEventId(), n));
        if (timer) {
          timersStarted.add(task.workflowExecution().workflowId());
        }
        return null;
      });
    });
  }

  /**
   * An activity worker's loop: completes each task at once, except a first activity before the kill,
   * which it holds (started) for the test to complete.
   */
  private void worker(Node start) {
    loop(start, (c, n) -> {
      PollForActivityTaskResponse t = c.pollForActivityTask(r -> r.domain(domain)
          .taskList(l -> l.name("work")).identity("worker-" + n));
      return handedOut("activity", t, t.taskToken(), t.workflowExecution(), t.startedEventId(), n);
    }, (at, task) -> {
      if (!killed && task.activityId().startsWith("first")) {
        held.add(task);
      } else {
        complete(at, task);
      }
    });
  }

  /** {@code task}, its hand-out counted; null if the poll's time ran out (an empty token). */
  private <T> T handedOut(String kind, T task, String token, WorkflowExecution run, Long startedEventId, String node) {
    if (token.isEmpty()) {
      return null;
    }
    handOuts.add(new HandOut(kind, run.runId(), startedEventId, node));
    return task;
  }

  /**
   * Polls with {@code poll} (null: no task) until the test stops and hands each task to
   * {@code handle}; a failure ends the loop and is kept for the test to report.
   */
  private <T> void loop(Node start, Call<T> poll, BiConsumer<Node[], T> handle) {
    Node[] at = {start};
    while (!stopped) {
      try {
        T task = call(at, poll);
        if (task != null) {
          handle.accept(at, task);
        }
      } catch (RuntimeException e) {
        if (!stopped) {
          failures.add(e);
          return;
        }
      }
    }
  }

  private static int workflow(PollForActivityTaskResponse task) {
    return Integer.parseInt(task.input().substring("errand-".length()));
  }

  private void complete(Node[] at, PollForActivityTaskResponse task) {
    call(at, (c, n) -> {
      c.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done " + task.activityId()));
      acks.add(new Ack("activity", task.workflowExecution().runId(), task.startedEventId(), n));
      return null;
    });
  }

  /** A call of a client that points at A moves to B when A does not answer. */
  private interface Call<T> {
    T apply(SwfClient client, String node);
  }

  /**
   * Runs {@code call} on the node {@code at} holds; if that is A and A does not answer, moves to B and
   * runs it there. A respond that B refuses as unknown may have been committed by A before it died
   * (its reply lost): null, and the histories tell.
   */
  private <T> T call(Node[] at, Call<T> call) {
    Node node = at[0];
    try {
      return call.apply(node.client(), node.name());
    } catch (SdkClientException noAnswer) {
      if (node == b || stopped) {
        throw noAnswer;
      }
      at[0] = b;
      moved.incrementAndGet();
      try {
        return call.apply(b.client(), b.name());
      } catch (UnknownResourceException maybeCommittedOnA) {
        return null;
      }
    }
  }

  /** activity "first" → timer "nap" → activity "second" → complete; a timed-out activity scheduled again. */
  static List<Decision> decide(List<HistoryEvent> events) {
    Map<Long, String> activities = new HashMap<>();
    Set<String> open = new HashSet<>();
    Map<String, Integer> attempts = new HashMap<>();
    Set<String> done = new HashSet<>();
    boolean timerStarted = false;
    boolean timerFired = false;
    String input = null;
    for (HistoryEvent e : events) {
      switch (e.eventType()) {
        case WORKFLOW_EXECUTION_STARTED -> input = e.workflowExecutionStartedEventAttributes().input();
        case ACTIVITY_TASK_SCHEDULED -> {
          String id = e.activityTaskScheduledEventAttributes().activityId();
          activities.put(e.eventId(), id);
          open.add(id);
          attempts.merge(step(id), 1, Integer::sum);
        }
        case ACTIVITY_TASK_COMPLETED -> {
          String id = activities.get(e.activityTaskCompletedEventAttributes().scheduledEventId());
          open.remove(id);
          done.add(step(id));
        }
        case ACTIVITY_TASK_TIMED_OUT -> open.remove(activities.get(e.activityTaskTimedOutEventAttributes()
            .scheduledEventId()));
        case TIMER_STARTED -> timerStarted = true;
        case TIMER_FIRED -> timerFired = true;
        default -> { }
      }
    }
    if (done.contains("second")) {
      return List.of(Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
          .completeWorkflowExecutionDecisionAttributes(a -> a.result("errand done")).build());
    }
    String next = timerFired ? "second" : done.contains("first") ? null : "first";
    if (next == null) {
      return timerStarted ? List.of() : List.of(Decision.builder().decisionType(DecisionType.START_TIMER)
          .startTimerDecisionAttributes(a -> a.timerId("nap").startToFireTimeout(String.valueOf(TIMER_SECONDS)))
          .build());
    }
    if (!open.isEmpty()) {
      return List.of();
    }
    String id = next + "-" + (attempts.getOrDefault(next, 0) + 1);
    String workflowInput = input;
    return List.of(Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(a -> a.activityId(id).input(workflowInput)
            .activityType(t -> t.name("step").version("1")))
        .build());
  }

  private static String step(String activityId) {
    return activityId.substring(0, activityId.indexOf('-'));
  }

  /**
   * eventIds 1..n; completed; one timer, started and fired once, after the kill; each activity task
   * scheduled once closed once (completed, or timed out and scheduled again), started at most once;
   * each decision task started at most once and each started one closed once; no decision failed.
   */
  private static void checkHistory(String workflowId, List<HistoryEvent> events, long killedAt) {
    String at = workflowId + ": ";
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).eventId(), at + "eventIds without gaps");
    }
    assertEquals(EventType.WORKFLOW_EXECUTION_COMPLETED, events.getLast().eventType(), at + "completed");
    Map<EventType, Long> counts = events.stream().collect(Collectors.groupingBy(HistoryEvent::eventType,
        Collectors.counting()));
    for (EventType failed : List.of(EventType.SCHEDULE_ACTIVITY_TASK_FAILED, EventType.START_TIMER_FAILED,
        EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED, EventType.ACTIVITY_TASK_FAILED)) {
      assertFalse(counts.containsKey(failed), at + failed);
    }
    assertEquals(1L, counts.get(EventType.TIMER_STARTED), at + "one timer");
    Map<Long, List<HistoryEvent>> byScheduled = new HashMap<>();
    for (HistoryEvent e : events) {
      Long scheduled = switch (e.eventType()) {
        case TIMER_FIRED -> e.timerFiredEventAttributes().startedEventId();
        case ACTIVITY_TASK_STARTED -> e.activityTaskStartedEventAttributes().scheduledEventId();
        case ACTIVITY_TASK_COMPLETED -> e.activityTaskCompletedEventAttributes().scheduledEventId();
        case ACTIVITY_TASK_TIMED_OUT -> e.activityTaskTimedOutEventAttributes().scheduledEventId();
        case DECISION_TASK_STARTED -> e.decisionTaskStartedEventAttributes().scheduledEventId();
        case DECISION_TASK_COMPLETED -> e.decisionTaskCompletedEventAttributes().scheduledEventId();
        case DECISION_TASK_TIMED_OUT -> e.decisionTaskTimedOutEventAttributes().scheduledEventId();
        default -> null;
      };
      if (scheduled != null) {
        byScheduled.computeIfAbsent(scheduled, k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Integer> completedSteps = new HashMap<>();
    for (HistoryEvent e : events) {
      List<EventType> after = byScheduled.getOrDefault(e.eventId(), List.of()).stream().map(HistoryEvent::eventType)
          .toList();
      switch (e.eventType()) {
        case TIMER_STARTED -> {
          assertEquals(List.of(EventType.TIMER_FIRED), after, at + "timer fired once");
          long firedAt = byScheduled.get(e.eventId()).getFirst().eventTimestamp().toEpochMilli();
          assertTrue(firedAt >= killedAt, at + "timer fired " + (killedAt - firedAt) + " ms before the kill, on A");
        }
        case ACTIVITY_TASK_SCHEDULED -> {
          String id = e.activityTaskScheduledEventAttributes().activityId();
          if (after.contains(EventType.ACTIVITY_TASK_COMPLETED)) {
            completedSteps.merge(step(id), 1, Integer::sum);
            assertEquals(List.of(EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED), after,
                at + id + " started and completed once");
          } else {
            assertTrue(after.equals(List.of(EventType.ACTIVITY_TASK_TIMED_OUT))
                || after.equals(List.of(EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_TIMED_OUT)),
                at + id + " closed once: " + after);
            assertTrue(events.stream().anyMatch(later -> later.eventId() > e.eventId()
                && later.eventType() == EventType.ACTIVITY_TASK_SCHEDULED
                && step(later.activityTaskScheduledEventAttributes().activityId()).equals(step(id))),
                at + id + " timed out and scheduled again");
          }
        }
        case DECISION_TASK_SCHEDULED -> assertTrue(after.isEmpty() || after.equals(List.of(
            EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED)) || after.equals(List.of(
            EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_TIMED_OUT)), at + "decision task " + after);
        default -> { }
      }
    }
    assertEquals(Map.of("first", 1, "second", 1), completedSteps, at + "each step completed once");
  }

  /** Every respond a node acknowledged, A's before the kill included, is in its run's history. */
  private void checkAcknowledged(Map<String, List<HistoryEvent>> histories) {
    for (Ack ack : acks) {
      EventType closed = ack.kind().equals("activity") ? EventType.ACTIVITY_TASK_COMPLETED
          : EventType.DECISION_TASK_COMPLETED;
      assertTrue(histories.get(ack.runId()).stream().anyMatch(e -> e.eventType() == closed && ack.startedEventId()
          == (closed == EventType.ACTIVITY_TASK_COMPLETED ? e.activityTaskCompletedEventAttributes().startedEventId()
          : e.decisionTaskCompletedEventAttributes().startedEventId())), "acknowledged but not in the history: " + ack);
    }
  }

  /** Each hand-out names a started event of its kind, and no scheduled task was handed out twice. */
  private void checkHandedOutOnce(Map<String, List<HistoryEvent>> histories) {
    Map<String, Integer> perScheduled = new HashMap<>();
    for (HandOut h : handOuts) {
      HistoryEvent started = histories.get(h.runId()).get((int) h.startedEventId() - 1);
      long scheduled;
      if (h.kind().equals("activity")) {
        assertEquals(EventType.ACTIVITY_TASK_STARTED, started.eventType(), h.toString());
        scheduled = started.activityTaskStartedEventAttributes().scheduledEventId();
      } else {
        assertEquals(EventType.DECISION_TASK_STARTED, started.eventType(), h.toString());
        scheduled = started.decisionTaskStartedEventAttributes().scheduledEventId();
      }
      perScheduled.merge(h.kind() + " " + h.runId() + " " + scheduled, 1, Integer::sum);
    }
    Map<String, Integer> twice = perScheduled.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of(), twice, "tasks handed out more than once");
  }

  private static WorkflowExecution execution(Map.Entry<String, String> run) {
    return WorkflowExecution.builder().workflowId(run.getKey()).runId(run.getValue()).build();
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + timeout);
      }
      Thread.sleep(250);
    }
  }
}

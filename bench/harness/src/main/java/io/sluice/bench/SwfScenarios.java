package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;

/**
 * The SWF scenarios, each against one freshly started server, driven by the AWS SDK for Java v2
 * {@link SwfAsyncClient} (JSON 1.0, Netty, no retries): (s) workflows completed per second, each
 * start → one activity → complete, with {@code swf-deciders} deciders and {@code swf-workers}
 * workers; (t) the hand-off from a decider's RespondDecisionTaskCompleted to a worker's held
 * PollForActivityTask; (u) timer lateness with {@code timers} pending timers; (v) {@code swf-polls}
 * PollForActivityTask calls held at once and the server's heap per poll. moto_server answers an empty
 * poll after sleeping a second instead of holding it, so it runs only (s) and (u).
 */
final class SwfScenarios {
  private static final String WORKFLOW = "bench-flow";
  private static final String ACTIVITY = "bench-work";
  private static final String DECISIONS = "decisions";
  private static final String ACTIVITIES = "activities";
  /** Executions of (u) each start this many timers in their first decision. */
  private static final int TIMERS_PER_EXECUTION = 10;
  /** (u) starts its executions at an even pace over this many seconds. */
  private static final int ARM_SECONDS = 10;
  /** The server's heap gauge (Prometheus), as {@link Scenarios#heapAfterGc} reads it. */
  private static final String HEAP = "jvm_memory_used_bytes{area=\"heap\"";
  /** Why moto cannot run (t) and (v). */
  static final String NO_HELD_POLLS = "not supported: moto_server does not hold task polls (a PollFor…Task on an"
      + " empty task list sleeps 1 s and answers empty; a task scheduled meanwhile wakes nothing)";

  private final Options options;
  private final List<Context> contexts;
  private final Scenarios sqs;

  SwfScenarios(Options options, List<Context> contexts, Scenarios sqs) {
    this.options = options;
    this.contexts = contexts;
    this.sqs = sqs;
  }

  // --- (s) -----------------------------------------------------------------------------------

  /**
   * (s) {@code swf-open} workflows in flight, each started as one completes (a closed loop whose
   * step is StartWorkflowExecution's start → the decider's CompleteWorkflowExecution answered):
   * the first decision task schedules one activity, a worker completes it, the next decision task
   * completes the workflow. Warmed and measured as a–c are; workflows completed per second.
   */
  Result workflows(Servers.Running s) {
    int open = options.swfOpen();
    try (SwfAsyncClient swf = client(s, open + options.swfDeciders() + options.swfWorkers() + 4)) {
      String domain = register(swf, "s");
      Map<String, Promise<Integer>> waiting = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      Errors loopErrors = new Errors();
      startDeciders(swf, domain, waiting, stop, loopErrors);
      for (int i = 0; i < options.swfWorkers(); i++) {
        String identity = "worker-" + i;
        loop(stop, () -> work(swf, domain, identity), loopErrors);
      }
      AtomicLong ids = new AtomicLong();
      Supplier<Future<Integer>> step = () -> {
        String id = "s-" + ids.incrementAndGet();
        Promise<Integer> done = Promise.promise();
        waiting.put(id, done);
        start(swf, domain, id, null).whenComplete((r, failure) -> {
          if (failure != null && waiting.remove(id) != null) {
            done.tryFail(failure);
          }
        });
        return done.future();
      };
      ClosedLoop.Outcome o;
      try {
        o = new ClosedLoop(contexts, open).run(step, sqs.settle(), () -> { }, () -> { }, options.durationSeconds(),
            new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      } finally {
        stop.set(true);
      }
      return new Result.Workflows(new Result.Load(o, open), options.swfDeciders(), options.swfWorkers(),
          loopErrors.count.sum(), loopErrors.first.get());
    }
  }

  /** Starts the deciders of (s) and (v): schedule one activity, then complete (or fail) the workflow. */
  private void startDeciders(SwfAsyncClient swf, String domain, Map<String, Promise<Integer>> waiting,
                             AtomicBoolean stop, Errors errors) {
    for (int i = 0; i < options.swfDeciders(); i++) {
      String identity = "decider-" + i;
      loop(stop, () -> decideOneActivity(swf, domain, identity, waiting), errors);
    }
  }

  /**
   * One decision task of a start → one activity → complete workflow: schedules the activity, or
   * completes the workflow once it completed (fails it if it failed or timed out) and then completes
   * the workflow's entry of {@code waiting} (fails it if the answer was an error).
   */
  private CompletableFuture<?> decideOneActivity(SwfAsyncClient swf, String domain, String identity,
                                                 Map<String, Promise<Integer>> waiting) {
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(DECISIONS)).identity(identity))
        .thenCompose(task -> {
          if (task.taskToken() == null || task.taskToken().isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          String id = task.workflowExecution().workflowId();
          EventType outcome = activityOutcome(task);
          Decision decision = outcome == null
              ? Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                  .scheduleActivityTaskDecisionAttributes(a -> a.activityId("work")
                      .activityType(t -> t.name(ACTIVITY).version("1"))).build()
              : outcome == EventType.ACTIVITY_TASK_COMPLETED
                  ? Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build()
                  : Decision.builder().decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                      .failWorkflowExecutionDecisionAttributes(a -> a.reason(outcome.toString())).build();
          return swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision))
              .whenComplete((r, failure) -> {
                Promise<Integer> done = failure != null || outcome != null ? waiting.remove(id) : null;
                if (done == null) {
                  return;
                }
                if (failure != null) {
                  done.tryFail(failure);
                } else if (outcome == EventType.ACTIVITY_TASK_COMPLETED) {
                  done.tryComplete(1);
                } else {
                  done.tryFail("the activity of " + id + " ended " + outcome);
                }
              });
        });
  }

  /** How the task's activity ended (ActivityTaskCompleted, …Failed, …TimedOut, …), or null. */
  private static EventType activityOutcome(PollForDecisionTaskResponse task) {
    for (HistoryEvent e : task.events()) {
      switch (e.eventType()) {
        case ACTIVITY_TASK_COMPLETED, ACTIVITY_TASK_FAILED, ACTIVITY_TASK_TIMED_OUT, ACTIVITY_TASK_CANCELED,
             SCHEDULE_ACTIVITY_TASK_FAILED -> {
          return e.eventType();
        }
        default -> { }
      }
    }
    return null;
  }

  /** One worker step: takes an activity task (the poll held while there is none) and completes it. */
  private static CompletableFuture<?> work(SwfAsyncClient swf, String domain, String identity) {
    return swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name(ACTIVITIES)).identity(identity))
        .thenCompose(task -> task.taskToken() == null || task.taskToken().isEmpty()
            ? CompletableFuture.completedFuture(null)
            : swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done")));
  }

  // --- (t) -----------------------------------------------------------------------------------

  /**
   * (t) One workflow at a time: its first decision task is taken, then a worker's PollForActivityTask
   * is opened on the empty activity task list and, once the server holds it (its
   * {@code swf_task_polls_held} gauge), the decider answers with ScheduleActivityTask. Measured per
   * hand-off: from RespondDecisionTaskCompleted's reply (and from its start) to the held poll's reply;
   * then the activity and the workflow are completed. {@code wake-warmup} hand-offs are not measured,
   * then {@code wake-samples} are.
   */
  Result handOff(Servers.Running s) {
    if (s.target == Target.MOTO) {
      return new Result.Missing(NO_HELD_POLLS);
    }
    int warm = options.wakeWarmup();
    int samples = options.wakeSamples();
    long[] replyToReply = new long[samples];
    long[] startToReply = new long[samples];
    int measured = 0;
    long emptyPolls = 0;
    Errors errors = new Errors();
    try (SwfAsyncClient swf = client(s, 4)) {
      String domain = register(swf, "t");
      for (int i = 0; i < warm + samples; i++) {
        String step = "StartWorkflowExecution";
        String id = "t-" + i;
        CompletableFuture<PollForActivityTaskResponse> poll = null;
        try {
          join(start(swf, domain, id, null), 30);
          step = "PollForDecisionTask";
          PollForDecisionTaskResponse task = join(pollDecision(swf, domain), 70);
          if (task.taskToken() == null || task.taskToken().isEmpty()) {
            throw new IllegalStateException("no decision task for the workflow just started");
          }
          long[] answered = new long[1];
          poll = swf.pollForActivityTask(r -> r.domain(domain)
              .taskList(t -> t.name(ACTIVITIES)).identity("worker")).thenApply(r -> {
                answered[0] = System.nanoTime();
                return r;
              });
          awaitHeld(s, 1, poll);
          step = "RespondDecisionTaskCompleted (ScheduleActivityTask)";
          long t0 = System.nanoTime();
          join(swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken())
              .decisions(Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                  .scheduleActivityTaskDecisionAttributes(a -> a.activityId("work")
                      .activityType(t -> t.name(ACTIVITY).version("1"))).build())), 30);
          long t1 = System.nanoTime();
          step = "PollForActivityTask";
          PollForActivityTaskResponse work = join(poll, 70);
          poll = null;
          if (work.taskToken() == null || work.taskToken().isEmpty()) {
            emptyPolls++;
            abandon(swf, domain, id, null);
            continue;
          }
          if (i >= warm) {
            replyToReply[measured] = answered[0] - t1;
            startToReply[measured] = answered[0] - t0;
            measured++;
          }
          step = "RespondActivityTaskCompleted";
          join(swf.respondActivityTaskCompleted(r -> r.taskToken(work.taskToken()).result("done")), 30);
          step = "the second PollForDecisionTask";
          PollForDecisionTaskResponse last = join(pollDecision(swf, domain), 70);
          step = "RespondDecisionTaskCompleted (CompleteWorkflowExecution)";
          join(swf.respondDecisionTaskCompleted(r -> r.taskToken(last.taskToken()).decisions(Decision.builder()
              .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build())), 30);
        } catch (RuntimeException e) {
          errors.add(new IllegalStateException(step + ": " + Scenarios.rootMessage(e)));
          abandon(swf, domain, id, poll);
        }
      }
    }
    return new Result.WakeUp(1, java.util.Arrays.copyOf(replyToReply, measured),
        java.util.Arrays.copyOf(startToReply, measured), emptyPolls, errors.count.sum(), errors.first.get());
  }

  /**
   * Ends a workflow of (t) that failed or went unanswered, so that the next one starts alone: terminates
   * it and waits for its worker's poll, if still held, to come back (empty, at most 60 s later), since
   * a poll left behind would take the next workflow's activity task in place of that workflow's own.
   */
  private static void abandon(SwfAsyncClient swf, String domain, String workflowId,
                              CompletableFuture<PollForActivityTaskResponse> poll) {
    try {
      join(swf.terminateWorkflowExecution(r -> r.domain(domain).workflowId(workflowId).reason("bench: abandoned")), 30);
    } catch (RuntimeException e) {
      // already closed, or never started
    }
    if (poll != null) {
      try {
        join(poll, 70);
      } catch (RuntimeException e) {
        // the poll failed: nothing is held
      }
    }
  }

  /**
   * Waits until the server holds {@code polls} task polls (its gauge), at most 5 s; without the gauge
   * (or once {@code poll} was answered), waits 20 ms.
   */
  private static void awaitHeld(Servers.Running s, int polls, CompletableFuture<?> poll) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline && !poll.isDone()) {
      long held = Scenarios.metric(s.port, "swf_task_polls_held");
      if (held < 0) {
        Servers.sleep(20);
        return;
      }
      if (held >= polls) {
        return;
      }
      Servers.sleep(1);
    }
  }

  // --- (u) -----------------------------------------------------------------------------------

  /**
   * (u) {@code timers} timers, {@value #TIMERS_PER_EXECUTION} per execution, started by each
   * execution's first decision with startToFireTimeouts spread over {@code timer-spread} seconds
   * (from {@value #ARM_SECONDS} + 5 s on), the executions started at an even pace over
   * {@value #ARM_SECONDS} s: all are pending at once before the first fires, and they fire over about
   * {@code timer-spread} + {@value #ARM_SECONDS} seconds. The deciders take the decision tasks the
   * firings bring (answering with no decision, and completing the execution once its last timer
   * fired) and note, per timer, when its task reached them after its fire time. Then every history
   * is read: per timer, TimerFired's eventTimestamp − (TimerStarted's + startToFireTimeout).
   */
  Result timerLateness(Servers.Running s) {
    int executions = Math.max(1, options.timers() / TIMERS_PER_EXECUTION);
    int base = ARM_SECONDS + 5;
    int spread = options.timerSpread();
    ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
    AtomicInteger completed = new AtomicInteger();
    Errors errors = new Errors();
    AtomicBoolean stop = new AtomicBoolean();
    try (SwfAsyncClient swf = client(s, options.swfDeciders() + 64)) {
      String domain = register(swf, "u");
      for (int i = 0; i < options.swfDeciders(); i++) {
        String identity = "decider-" + i;
        loop(stop, () -> decideTimers(swf, domain, identity, base, spread, received, completed), errors);
      }
      List<CompletableFuture<StartWorkflowExecutionResponse>> starts = new ArrayList<>();
      CpuMeter server = new CpuMeter(s.serverPids());
      CpuMeter client = CpuMeter.self();
      server.start();
      client.start();
      long t0 = System.nanoTime();
      long pace = TimeUnit.SECONDS.toNanos(ARM_SECONDS) / executions;
      for (int e = 0; e < executions; e++) {
        long wait = t0 + e * pace - System.nanoTime();
        if (wait > 1_000_000) {
          Servers.sleep(wait / 1_000_000);
        }
        starts.add(start(swf, domain, "u-" + e, Integer.toString(e)));
      }
      List<String[]> runs = new ArrayList<>();
      for (int e = 0; e < executions; e++) {
        try {
          runs.add(new String[] {"u-" + e, join(starts.get(e), 60).runId()});
        } catch (RuntimeException x) {
          errors.add(x);
        }
      }
      double armSeconds = (System.nanoTime() - t0) / 1e9;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(base + spread + ARM_SECONDS + 60);
      while (completed.get() < runs.size() && System.nanoTime() < deadline) {
        Servers.sleep(100);
      }
      stop.set(true);
      double serverCores = server.coresSinceStart();
      double clientCores = client.coresSinceStart();
      return histories(swf, domain, runs, received, executions, armSeconds, errors, serverCores, clientCores);
    } finally {
      stop.set(true);
    }
  }

  /**
   * One decision task of (u): the first starts the execution's timers; later ones note when each
   * TimerFired they bring reached the decider after the timer's fire time, and complete the
   * execution once all its timers fired.
   */
  private CompletableFuture<?> decideTimers(SwfAsyncClient swf, String domain, String identity, int base, int spread,
                                            ConcurrentLinkedQueue<Long> received, AtomicInteger completed) {
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(DECISIONS)).identity(identity))
        .thenCompose(task -> {
          Instant now = Instant.now();
          if (task.taskToken() == null || task.taskToken().isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          Map<Long, Instant> due = new HashMap<>();
          int execution = -1;
          int started = 0;
          int fired = 0;
          for (HistoryEvent e : task.events()) {
            switch (e.eventType()) {
              case WORKFLOW_EXECUTION_STARTED ->
                  execution = Integer.parseInt(e.workflowExecutionStartedEventAttributes().input());
              case TIMER_STARTED, START_TIMER_FAILED -> {
                started++;
                if (e.timerStartedEventAttributes() != null) {
                  due.put(e.eventId(), e.eventTimestamp().plusSeconds(
                      Long.parseLong(e.timerStartedEventAttributes().startToFireTimeout())));
                }
              }
              case TIMER_FIRED -> {
                fired++;
                Instant at = due.get(e.timerFiredEventAttributes().startedEventId());
                if (e.eventId() > task.previousStartedEventId() && at != null) {
                  received.add(Duration.between(at, now).toNanos());
                }
              }
              default -> { }
            }
          }
          List<Decision> decisions = new ArrayList<>();
          boolean completes = false;
          if (started == 0) {
            for (int j = 0; j < TIMERS_PER_EXECUTION; j++) {
              String fire = Integer.toString(base + (execution * TIMERS_PER_EXECUTION + j) % spread);
              String timer = "timer-" + j;
              decisions.add(Decision.builder().decisionType(DecisionType.START_TIMER)
                  .startTimerDecisionAttributes(a -> a.timerId(timer).startToFireTimeout(fire)).build());
            }
          } else if (fired >= started) {
            completes = true;
            decisions.add(Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build());
          }
          boolean last = completes;
          return swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions))
              .thenRun(() -> {
                if (last) {
                  completed.incrementAndGet();
                }
              });
        });
  }

  /** Reads every history of (u) and judges the timers in them. */
  private Result histories(SwfAsyncClient swf, String domain, List<String[]> runs, ConcurrentLinkedQueue<Long> received,
                           int executions, double armSeconds, Errors errors, double serverCores,
                           double clientCores) {
    List<Long> lateness = new ArrayList<>();
    List<long[]> timeline = new ArrayList<>();
    long started = 0;
    long fired = 0;
    for (int from = 0; from < runs.size(); from += 32) {
      List<CompletableFuture<List<HistoryEvent>>> reads = new ArrayList<>();
      for (String[] run : runs.subList(from, Math.min(runs.size(), from + 32))) {
        reads.add(history(swf, domain, run[0], run[1], null, new ArrayList<>()));
      }
      for (CompletableFuture<List<HistoryEvent>> read : reads) {
        List<HistoryEvent> events;
        try {
          events = join(read, 60);
        } catch (RuntimeException x) {
          errors.add(x);
          continue;
        }
        Map<Long, Instant> due = new HashMap<>();
        for (HistoryEvent e : events) {
          if (e.eventType() == EventType.TIMER_STARTED) {
            started++;
            due.put(e.eventId(), e.eventTimestamp().plusSeconds(
                Long.parseLong(e.timerStartedEventAttributes().startToFireTimeout())));
            timeline.add(new long[] {micros(e.eventTimestamp()), 1});
          } else if (e.eventType() == EventType.TIMER_FIRED) {
            fired++;
            Instant at = due.get(e.timerFiredEventAttributes().startedEventId());
            if (at != null) {
              lateness.add(Duration.between(at, e.eventTimestamp()).toNanos());
            }
            timeline.add(new long[] {micros(e.eventTimestamp()), -1});
          }
        }
      }
    }
    // The most timers pending at once: starts before firings at the same instant.
    timeline.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
    long pending = 0;
    long maxPending = 0;
    long firstFire = Long.MAX_VALUE;
    long lastFire = Long.MIN_VALUE;
    for (long[] t : timeline) {
      pending += t[1];
      maxPending = Math.max(maxPending, pending);
      if (t[1] < 0) {
        firstFire = Math.min(firstFire, t[0]);
        lastFire = Math.max(lastFire, t[0]);
      }
    }
    return new Result.TimerLateness(executions * TIMERS_PER_EXECUTION, executions, started, fired, maxPending,
        lateness.stream().mapToLong(Long::longValue).toArray(), received.stream().mapToLong(Long::longValue).toArray(),
        armSeconds, lastFire >= firstFire ? (lastFire - firstFire) / 1e6 : Double.NaN, serverCores, clientCores,
        errors.count.sum(), errors.first.get());
  }

  /** Every event of one run, page by page. */
  private static CompletableFuture<List<HistoryEvent>> history(SwfAsyncClient swf, String domain, String workflowId,
                                                               String runId, String page, List<HistoryEvent> into) {
    return swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(x -> x.workflowId(workflowId).runId(runId))
        .maximumPageSize(1000).nextPageToken(page)).thenCompose((GetWorkflowExecutionHistoryResponse r) -> {
          into.addAll(r.events());
          return r.nextPageToken() == null || r.nextPageToken().isEmpty()
              ? CompletableFuture.completedFuture(into) : history(swf, domain, workflowId, runId, r.nextPageToken(), into);
        });
  }

  private static long micros(Instant t) {
    return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1000;
  }

  // --- (v) -----------------------------------------------------------------------------------

  /**
   * (v) {@code swf-polls} PollForActivityTask calls held at once on one empty task list: the server's
   * heap after a full GC before they were opened and while they are held, then as many workflows
   * started, whose deciders each schedule one activity: every poll must be answered with a task
   * (a poll whose 60 s run out first is opened again and counted).
   */
  Result heldPolls(Servers.Running s) {
    if (s.target == Target.MOTO) {
      return new Result.Missing(NO_HELD_POLLS);
    }
    int polls = options.swfPolls();
    AtomicBoolean stop = new AtomicBoolean();
    Errors errors = new Errors();
    try (SwfAsyncClient swf = client(s, polls + options.swfDeciders() + 16)) {
      String domain = register(swf, "v");
      // The server binds its JVM meters a moment after it starts answering.
      long gaugeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Scenarios.metric(s.port, HEAP) < 0 && System.nanoTime() < gaugeDeadline) {
        Servers.sleep(200);
      }
      long baseline = sqs.heapAfterGc(s);
      HeldPollTally tally = new HeldPollTally(polls);
      final class Poller {
        void arm(int j) {
          swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name(ACTIVITIES)).identity("held-" + j))
              .whenComplete((task, failure) -> {
                if (failure != null) {
                  tally.failed(Scenarios.rootMessage(failure));
                } else if (task.taskToken() == null || task.taskToken().isEmpty()) {
                  tally.rearmed();
                  arm(j);
                } else {
                  tally.answered();
                  swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done"))
                      .whenComplete((r, f) -> {
                        if (f != null) {
                          errors.add(f);
                        }
                        tally.finished();
                      });
                }
              });
        }
      }
      Poller poller = new Poller();
      long armStart = System.nanoTime();
      for (int j = 0; j < polls; j++) {
        poller.arm(j);
        if (j % 100 == 99) {
          Servers.sleep(20);
        }
      }
      long held;
      long holdDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      do {
        Servers.sleep(200);
        held = Scenarios.metric(s.port, "swf_task_polls_held");
      } while (held >= 0 && held < polls && System.nanoTime() < holdDeadline);
      double armSeconds = (System.nanoTime() - armStart) / 1e9;
      long heapHeld = sqs.heapAfterGc(s);
      long rss = Scenarios.rssBytes(s.server.pid());
      tally.answering();
      startDeciders(swf, domain, new ConcurrentHashMap<>(), stop, errors);
      for (int from = 0; from < polls; from += 50) {
        List<CompletableFuture<?>> starts = new ArrayList<>();
        for (int i = from; i < Math.min(polls, from + 50); i++) {
          starts.add(start(swf, domain, "v-" + i, null));
        }
        for (CompletableFuture<?> f : starts) {
          try {
            join(f, 60);
          } catch (RuntimeException x) {
            errors.add(x);
          }
        }
      }
      tally.await(60, "the starts");
      String firstError = tally.firstError.get() != null ? tally.firstError.get() : errors.first.get();
      return new Result.HeldPolls(polls, 1, "", held, tally.answeredEarly.get(), tally.answered.get(),
          tally.rearmed.get(), tally.errorsAndUnended() + errors.count.sum(), firstError, baseline, heapHeld, rss,
          armSeconds);
    } finally {
      stop.set(true);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Failures of the loops, counted, the first kept. */
  private static final class Errors {
    final LongAdder count = new LongAdder();
    final AtomicReference<String> first = new AtomicReference<>();

    void add(Throwable failure) {
      count.increment();
      first.compareAndSet(null, Scenarios.rootMessage(failure));
    }
  }

  /**
   * Runs {@code step} again each time it completes (from a fresh stack, on the client's event loop),
   * until {@code stop}; after a failure it counts it and waits 100 ms.
   */
  private void loop(AtomicBoolean stop, Supplier<CompletableFuture<?>> step, Errors errors) {
    Context context = contexts.get(0);
    if (stop.get()) {
      return;
    }
    CompletableFuture<?> f;
    try {
      f = step.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((v, failure) -> {
      if (stop.get()) {
        return;
      }
      if (failure != null) {
        errors.add(failure);
        context.owner().setTimer(100, id -> loop(stop, step, errors));
      } else {
        context.runOnContext(x -> loop(stop, step, errors));
      }
    });
  }

  /** Registers a domain with the workflow type and the activity type of the scenarios; its name. */
  private static String register(SwfAsyncClient swf, String scenario) {
    String domain = "bench-" + scenario + "-" + System.currentTimeMillis();
    join(swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1")), 30);
    join(swf.registerWorkflowType(r -> r.domain(domain).name(WORKFLOW).version("1")
        .defaultTaskList(t -> t.name(DECISIONS)).defaultChildPolicy(ChildPolicy.TERMINATE)
        .defaultTaskStartToCloseTimeout("60").defaultExecutionStartToCloseTimeout("3600")), 30);
    join(swf.registerActivityType(r -> r.domain(domain).name(ACTIVITY).version("1")
        .defaultTaskList(t -> t.name(ACTIVITIES)).defaultTaskScheduleToStartTimeout("120")
        .defaultTaskScheduleToCloseTimeout("180").defaultTaskStartToCloseTimeout("60")
        .defaultTaskHeartbeatTimeout("NONE")), 30);
    return domain;
  }

  private static CompletableFuture<StartWorkflowExecutionResponse> start(SwfAsyncClient swf, String domain,
                                                                         String workflowId, String input) {
    return swf.startWorkflowExecution(r -> r.domain(domain).workflowId(workflowId)
        .workflowType(t -> t.name(WORKFLOW).version("1")).input(input));
  }

  private static CompletableFuture<PollForDecisionTaskResponse> pollDecision(SwfAsyncClient swf, String domain) {
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(DECISIONS)).identity("decider"));
  }

  /** The SDK's client of the server, as users build it (see {@link SdkClients}). */
  private SwfAsyncClient client(Servers.Running s, int connections) {
    return SdkClients.build(SwfAsyncClient.builder(), s.port, Protocol.HTTP1_1, connections,
        Math.max(1, options.clientThreads()));
  }

  private static <T> T join(CompletableFuture<T> f, int seconds) {
    return Scenarios.await(f, seconds);
  }
}

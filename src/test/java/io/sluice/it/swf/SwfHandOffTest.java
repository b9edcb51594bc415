package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * Many workflows, one after another, through one SDK decider and one SDK worker on each engine: each
 * completes, and the test prints workflows per second and the hand-off latency from the decider's
 * RespondDecisionTaskCompleted returning to the worker's held PollForActivityTask answering (a
 * rough, single-client figure; {@code bench/} is where the targets are measured).
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SwfHandOffTest {
  private static final int WORKFLOWS = 200;
  static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  @Parameter
  Engine engine;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), RedisTestServer.uniquePrefix("swf-hand")));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @Test
  void everyWorkflowCompletesAndTheHandOffIsTimed() throws Exception {
    String domain = TestSluice.uniqueName("hand-" + engine.name().toLowerCase());
    try (SwfClient swf = SwfClients.sync(NODES.get(engine).endpoint())) {
      swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
      swf.registerWorkflowType(r -> r.domain(domain).name("w").version("1").defaultTaskList(t -> t.name("d"))
          .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
          .defaultExecutionStartToCloseTimeout("600"));
      swf.registerActivityType(r -> r.domain(domain).name("a").version("1").defaultTaskList(t -> t.name("a"))
          .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
          .defaultTaskStartToCloseTimeout("60"));
      List<Long> handOffs = Collections.synchronizedList(new ArrayList<>());
      long[] scheduledAt = new long[1];
      ExecutorService loops = Executors.newFixedThreadPool(2);
      CompletableFuture<Integer> decider = CompletableFuture.supplyAsync(() -> decide(domain, scheduledAt), loops);
      CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> work(domain, scheduledAt, handOffs), loops);
      long began = System.nanoTime();
      for (int i = 0; i < WORKFLOWS; i++) {
        String id = "w" + i;
        swf.startWorkflowExecution(r -> r.domain(domain).workflowId(id)
            .workflowType(WorkflowType.builder().name("w").version("1").build()));
      }
      int completed = decider.get(120, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - began) / 1e9;
      worker.get(10, TimeUnit.SECONDS);
      loops.shutdown();

      assertEquals(WORKFLOWS, completed);
      List<Long> sorted = handOffs.stream().sorted().toList();
      System.out.printf("SWF %s: %d workflows in %.2f s (%.0f/s, 1 decider, 1 worker); hand-off p50 %.2f ms, p99 %.2f ms%n",
          engine, WORKFLOWS, seconds, WORKFLOWS / seconds, sorted.get(sorted.size() / 2) / 1e6,
          sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
  }

  /** Decides until every workflow completed; answers how many did. */
  private int decide(String domain, long[] scheduledAt) {
    int completed = 0;
    try (SwfClient decider = SwfClients.sync(NODES.get(engine).endpoint())) {
      while (completed < WORKFLOWS) {
        PollForDecisionTaskResponse task = decider.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name("d")));
        if (task.taskToken().isEmpty()) {
          continue;
        }
        boolean done = task.events().stream().anyMatch(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED);
        Decision decision = done
            ? Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build()
            : Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId("a")
                    .activityType(ActivityType.builder().name("a").version("1").build())).build();
        decider.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision));
        if (done) {
          completed++;
        } else {
          synchronized (scheduledAt) {
            scheduledAt[0] = System.nanoTime();
          }
        }
      }
    }
    return completed;
  }

  private void work(String domain, long[] scheduledAt, List<Long> handOffs) {
    try (SwfClient worker = SwfClients.sync(NODES.get(engine).endpoint())) {
      for (int i = 0; i < WORKFLOWS; i++) {
        PollForActivityTaskResponse task = worker.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name("a")));
        if (task.taskToken().isEmpty()) {
          i--;
          continue;
        }
        synchronized (scheduledAt) {
          handOffs.add(System.nanoTime() - scheduledAt[0]);
        }
        worker.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("ok"));
      }
    }
  }
}

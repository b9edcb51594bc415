package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.it.swf.SwfClients;
import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TwoNodeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * Two clustered JVMs on one Redis: a decision task scheduled through node A answers a task poll held
 * on node B at once (A announces the task list over the clustered event bus), and deciders polling
 * both nodes receive each task exactly once.
 */
class ClusteredSwfPollTest {
  /** Generous for a wake-up that takes milliseconds, and far below the 60 s the poll would wait. */
  private static final long PROMPT_MS = 1000;
  private static final WorkflowType TYPE = WorkflowType.builder().name("order").version("1").build();

  private static SluiceProcess a;
  private static SluiceProcess b;
  private static SwfClient swfA;
  private static SwfAsyncClient asyncA;
  private static SwfAsyncClient asyncB;
  private static String domain;

  @BeforeAll
  static void startCluster() throws Exception {
    // Given two nodes that form one cluster on one Redis, and a domain with a workflow type
    List<Map<String, String>> nodes = TwoNodeCluster.environments("cluster-swf", Map.of());
    a = SluiceProcess.start(Engine.REDIS, nodes.get(0));
    b = SluiceProcess.start(Engine.REDIS, nodes.get(1));
    assertTrue(b.printed("joined: 2 nodes", Duration.ofSeconds(30)), String.join("\n", b.output()));
    swfA = SwfClients.sync(a.endpoint());
    asyncA = SwfClients.async(a.endpoint());
    asyncB = SwfClients.async(b.endpoint());
    domain = TestSluice.uniqueName("clustered");
    swfA.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swfA.registerWorkflowType(r -> r.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("warm"))
        .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
    // one task through A to a poll on B, so both nodes have seen each other's bus consumers
    CompletableFuture<PollForDecisionTaskResponse> warmUp = poll(asyncB, "warm");
    Prometheus.awaitActivePost(b.endpoint());
    swfA.startWorkflowExecution(r -> r.domain(domain).workflowId("warm-up").workflowType(TYPE));
    warmUp.get(70, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopCluster() {
    for (AutoCloseable c : new AutoCloseable[] {asyncB, asyncA, swfA, b, a}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next one is still closed
      }
    }
  }

  private static CompletableFuture<PollForDecisionTaskResponse> poll(SwfAsyncClient client, String list) {
    return client.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(list)).identity("decider"));
  }

  @Test
  void aWorkflowStartedOnNodeAAnswersADecisionTaskPollHeldOnNodeB() throws Exception {
    // Given a decision task poll held on node B
    CompletableFuture<PollForDecisionTaskResponse> held = poll(asyncB, "across");
    Prometheus.awaitActivePost(b.endpoint());

    // When a workflow is started through node A
    swfA.startWorkflowExecution(r -> r.domain(domain).workflowId("across").workflowType(TYPE)
        .taskList(t -> t.name("across")));
    long started = System.nanoTime();

    // Then B's poll answers with its decision task within milliseconds
    PollForDecisionTaskResponse task = held.get(60, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("decision task poll on B answered %d ms after the start on A%n", tookMs);
    assertEquals("across", task.workflowExecution().workflowId());
    assertTrue(tookMs < PROMPT_MS, "took " + tookMs + " ms");
  }

  @Test
  void decidersPollingBothNodesReceiveEachDecisionTaskExactlyOnce() throws Exception {
    // Given 24 decision task polls held, half on each node
    List<CompletableFuture<PollForDecisionTaskResponse>> polls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      polls.add(poll(asyncA, "shared"));
      polls.add(poll(asyncB, "shared"));
    }
    Thread.sleep(500);

    // When 20 workflows are started through node A
    for (int i = 0; i < 20; i++) {
      String id = "shared-" + i;
      swfA.startWorkflowExecution(r -> r.domain(domain).workflowId(id).workflowType(TYPE)
          .taskList(t -> t.name("shared")));
    }

    // Then 20 polls answer, each with a different workflow's task, and 4 stay held
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (polls.stream().filter(CompletableFuture::isDone).count() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    Set<String> workflows = new HashSet<>();
    int answered = 0;
    for (CompletableFuture<PollForDecisionTaskResponse> p : polls) {
      if (p.isDone()) {
        answered++;
        assertTrue(workflows.add(p.get().workflowExecution().workflowId()), "handed out twice: " + p.get());
      }
    }
    assertEquals(20, answered);
    assertEquals(20, workflows.size());
  }
}

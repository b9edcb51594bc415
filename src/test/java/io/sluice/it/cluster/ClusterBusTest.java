package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.Sluice;
import io.sluice.cluster.VertxFactory;
import io.sluice.config.SluiceConfig.ClusterConfig;
import io.sluice.config.SluiceConfig;
import io.sluice.module.NodeContext;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.sqs.MessageArrivals;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.SqsApi;
import io.sluice.sqs.SqsConfig;
import io.sluice.sqs.SqsNode;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.InMemoryQueueStore;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.waiters.MonotonicClock;
import io.sluice.storage.waiters.Waiters;
import io.sluice.testing.RedisTestServer;
import io.sluice.time.ManualClock;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Vert.x instances clustered the way Sluice nodes are (same Hazelcast settings, TCP join on
 * loopback): what one node publishes on the bus reaches the other's SQS verticle. Runs without
 * Redis: each node has its own in-memory store, which is enough to see the bus at work.
 */
class ClusterBusTest {
  private static final long WAIT_MS = 20_000;
  private static Node a;
  private static Node b;

  /** One clustered node: Vert.x with the SQS verticle deployed, on its own store. */
  private record Node(Vertx vertx, MessageArrivals longPolls, QueueDirectory directory, InMemoryQueueStore store,
                      ManualClock clock) {}

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String name = "sluice-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    int portA = RedisTestServer.freePort();
    int portB = RedisTestServer.freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    a = start(new ClusterConfig(true, name, "127.0.0.1", portA, members, ""));
    b = start(new ClusterConfig(true, name, "127.0.0.1", portB, members, ""));
    awaitWired();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Node n : new Node[] {a, b}) {
      if (n != null) {
        n.vertx().close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static Node start(ClusterConfig cluster) throws Exception {
    Vertx vertx = VertxFactory.build(new VertxOptions(), (VertxMetricsFactory) null, cluster)
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    SluiceConfig config = Sluice.loadConfig(Map.of("SLUICE_SQS_ATTRIBUTE_CACHE_MS", "60000"));
    ManualClock clock = new ManualClock();
    InMemoryQueueStore store = new InMemoryQueueStore();
    NodeContext context = new NodeContext(vertx, config, new InMemoryStoreEngine(), clock, new SimpleMeterRegistry(),
        new ServiceRegistry(List.of(SqsApi.DEFINITION)), new byte[32]);
    SqsNode sqs = SqsNode.start(context, config.service(SqsConfig.SECTION), store)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new Node(vertx, sqs.longPolls(), sqs.services().directory(), store, clock);
  }

  /** Publishes a probe from A until B's bus delivers one: both nodes then see each other's consumers. */
  private static void awaitWired() throws Exception {
    CompletableFuture<Boolean> arrived = new CompletableFuture<>();
    b.vertx().eventBus().consumer("test.probe", m -> arrived.complete(true)).completion()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!arrived.isDone() && System.nanoTime() < deadline) {
      a.vertx().eventBus().publish("test.probe", "ping");
      Thread.sleep(100);
    }
    assertTrue(arrived.isDone(), "the two nodes never formed one event bus");
  }

  @Test
  void announcementOnOneNodeWakesALongPollHeldOnAnother() throws Exception {
    // Given a long poll held on node B for a queue
    QueueId queue = new QueueId("us-east-1", "000000000000", "woken-" + System.nanoTime());
    CompletableFuture<Boolean> poll = b.longPolls().await(queue, b.longPolls().epoch(queue), WAIT_MS).toCompletableFuture();

    // When node A announces messages on that queue (as a send there does)
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(WAIT_MS / 2);
    a.longPolls().announce(queue);
    while (!poll.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    // Then B's poll wakes, long before its wait is over, to look for the message
    assertTrue(poll.isDone(), "the long poll on B was not woken");
    assertTrue(poll.get());
    System.out.printf("cross-node wake-up took %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void signalOnOneNodeWakesAWaitHeldOnAnotherOnAServicesOwnAddress() throws Exception {
    // Given waiters of another service (task lists, on an address of its own) on both nodes
    String address = "test.task-available-" + System.nanoTime();
    Waiters<String> onA = startWaiters(a, address);
    Waiters<String> onB = startWaiters(b, address);
    String taskList = "orders";

    // And a wait held on node B
    CompletableFuture<Waiters.Outcome> wait = onB.await(taskList, onB.epoch(taskList), WAIT_MS).toCompletableFuture();

    // When node A signals the task list (again while B's listener on the new address is not yet known to A)
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS / 2);
    while (!wait.isDone() && System.nanoTime() < deadline) {
      onA.signal(taskList);
      Thread.sleep(50);
    }

    // Then B's wait wakes, long before its time is up
    assertTrue(wait.isDone(), "the wait on B was not woken");
    assertEquals(Waiters.Outcome.SIGNALLED, wait.get());
    onA.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    onB.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Waiters<String> startWaiters(Node node, String address) throws Exception {
    return Waiters.<String>start(node.vertx(), address, key -> key, MonotonicClock.SYSTEM)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void queueChangeOnOneNodeDropsTheOtherNodesCachedAttributes() throws Exception {
    // Given node B has cached a queue's record
    QueueId queue = new QueueId("us-east-1", "000000000000", "changed-" + System.nanoTime());
    b.store().createQueue(new QueueRecord(queue, Map.of("DelaySeconds", "0"), Map.of(), 0, 0, 1), 0)
        .toCompletableFuture().get();
    assertEquals("0", b.directory().require(queue).toCompletableFuture().get().attribute("DelaySeconds"));
    b.store().updateQueue(queue, RecordChange.ofAttributes(MapEdit.putting(Map.of("DelaySeconds", "5"))), 0)
        .toCompletableFuture().get();
    assertEquals("0", b.directory().require(queue).toCompletableFuture().get().attribute("DelaySeconds"),
        "B should still serve its cached copy");

    // When node A announces that the queue changed (as SetQueueAttributes there does)
    a.vertx().eventBus().publish(SqsApi.QUEUE_CHANGED, queue.key());

    // Then B reads the queue afresh
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String seen = "0";
    while (!seen.equals("5") && System.nanoTime() < deadline) {
      Thread.sleep(10);
      seen = b.directory().require(queue).toCompletableFuture().get().attribute("DelaySeconds");
    }
    assertEquals("5", seen);
  }
}

package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.InMemoryQueueStore;
import io.sluice.sqs.store.QueueStore.MoveTask;
import io.sluice.sqs.store.QueueStore.MoveTaskChange;
import io.sluice.sqs.store.QueueStore.NewMessage;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.RedriveTarget;
import io.sluice.sqs.store.QueueStore.SendOptions;
import io.sluice.sqs.store.QueueStore;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The background mover of message move tasks, on the in-memory store with a hand-moved clock. */
class MessageMoveTaskDriverTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final QueueId DLQ = new QueueId("us-east-1", "000000000000", "dlq");
  private static final QueueId SOURCE_A = new QueueId("us-east-1", "000000000000", "source-a");
  private static final QueueId SOURCE_B = new QueueId("us-east-1", "000000000000", "source-b");
  private static final QueueId TARGET = new QueueId("us-east-1", "000000000000", "target");

  private final ManualClock clock = new ManualClock(T0);
  private QueueStore store;
  private QueueDirectory directory;

  private final QuietArrivals arrivals = new QuietArrivals();

  @BeforeEach
  void queues() {
    store = new InMemoryQueueStore();
    directory = new QueueDirectory(store, clock, 0);
    create(DLQ, Map.of());
    create(TARGET, Map.of());
    String redrive = new RedrivePolicy(DLQ.arn(), 1).toJson();
    create(SOURCE_A, Map.of(QueueAttributes.REDRIVE_POLICY, redrive));
    create(SOURCE_B, Map.of(QueueAttributes.REDRIVE_POLICY, redrive));
  }

  private void create(QueueId id, Map<String, String> attrs) {
    Map<String, String> all = new HashMap<>(QueueAttributes.forNewQueue(id, Map.of()));
    all.putAll(attrs);
    join(store.createQueue(new QueueRecord(id, all, Map.of(), T0, T0, 0), T0));
  }

  private void sendTo(QueueId queue, int count) {
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(new NewMessage(queue.name() + "-" + i, new byte[] {(byte) i}, null, null, 0));
    }
    join(store.send(queue, batch, new SendOptions(false, false), T0));
  }

  /** Receives everything of {@code source} twice, so its messages land in the DLQ with their source ARN. */
  private void deadLetter(QueueId source) {
    ReceiveOptions options = new ReceiveOptions(10, 0, 1000, new RedriveTarget(DLQ, 1, false), null);
    join(store.receive(source, options, T0));
    join(store.receive(source, options, T0));
  }

  private MoveTask start(QueueId destination, Integer rate) {
    long toMove = join(store.counts(DLQ, T0)).visible();
    MoveTask task = new MoveTask("task-" + System.nanoTime(), DLQ, destination == null ? null : destination.arn(), rate,
        MoveTaskStatus.RUNNING, 0, toMove, T0, null, null, 0);
    assertTrue(join(store.startMoveTask(task)));
    return task;
  }

  private MessageMoveTaskDriver driver(String owner) {
    return new MessageMoveTaskDriver(store, directory, arrivals, owner);
  }

  private static void tick(MessageMoveTaskDriver driver, long now) {
    join(driver.tick(now));
  }

  private MoveTask task() {
    return join(store.listMoveTasks(DLQ)).get(0);
  }

  private long visible(QueueId queue) {
    return join(store.counts(queue, clock.millis())).visible();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void unlimitedTaskMovesEverythingToItsDestinationAndCompletes() {
    // Given 5 messages in the dead-letter queue and a task to a fixed destination
    sendTo(DLQ, 5);
    start(TARGET, null);

    // When the driver ticks
    tick(driver("node-a"), T0);

    // Then all moved, the task completed and released its lease, and the destination was announced
    assertEquals(MoveTaskStatus.COMPLETED, task().status());
    assertEquals(5, task().moved());
    assertNull(task().leaseOwner());
    assertEquals(0, visible(DLQ));
    assertEquals(5, visible(TARGET));
    assertTrue(arrivals.announced().contains(TARGET));
  }

  @Test
  void rateLimitedTaskMovesNoFasterThanItsRate() {
    // Given 10 messages and a task limited to 2 messages per second
    sendTo(DLQ, 10);
    start(TARGET, 2);
    MessageMoveTaskDriver driver = driver("node-a");

    // When time passes in steps, Then the moved count follows rate × elapsed time
    tick(driver, T0);
    assertEquals(0, task().moved());
    tick(driver, T0 + 1_000);
    assertEquals(2, task().moved());
    tick(driver, T0 + 1_000);
    assertEquals(2, task().moved());
    tick(driver, T0 + 2_500);
    assertEquals(4, task().moved(), "at most one second's worth per tick");
    tick(driver, T0 + 2_900);
    assertEquals(5, task().moved());
    assertEquals(MoveTaskStatus.RUNNING, task().status());
    for (long t = 3_000; t <= 10_000; t += 1_000) {
      tick(driver, T0 + t);
    }
    assertEquals(MoveTaskStatus.COMPLETED, task().status());
    assertEquals(10, task().moved());
    assertEquals(10, visible(TARGET));
  }

  @Test
  void cancellingTaskStopsOnTheNextTickAndKeepsWhatItMoved() {
    // Given a rate-limited task that has moved 2 messages
    sendTo(DLQ, 10);
    MoveTask started = start(TARGET, 2);
    MessageMoveTaskDriver driver = driver("node-a");
    tick(driver, T0 + 1_000);

    // When it is cancelled (as CancelMessageMoveTask does) and the driver ticks later
    join(store.updateMoveTask(DLQ, started.taskHandle(), MoveTaskChange.cancel()));
    tick(driver, T0 + 5_000);
    tick(driver, T0 + 9_000);

    // Then it is CANCELLED with its count, and nothing more moved
    assertEquals(MoveTaskStatus.CANCELLED, task().status());
    assertEquals(2, task().moved());
    assertEquals(8, visible(DLQ));
    assertEquals(2, visible(TARGET));
  }

  @Test
  void taskFailsWhenItsDestinationIsDeleted() {
    // Given a task whose destination queue is deleted
    sendTo(DLQ, 3);
    start(TARGET, null);
    join(store.deleteQueue(TARGET, T0));

    // When the driver ticks
    tick(driver("node-a"), T0);

    // Then the task failed with AWS's reason and the messages stayed
    assertEquals(MoveTaskStatus.FAILED, task().status());
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", task().failureReason());
    assertEquals(3, visible(DLQ));
  }

  @Test
  void anotherNodeTakesOverOnlyAfterTheLeaseExpires() {
    // Given node A drove a task and then stopped (crashed) while holding its lease
    sendTo(DLQ, 10);
    start(TARGET, 2);
    tick(driver("node-a"), T0 + 1_000);
    assertEquals("node-a", task().leaseOwner());
    MessageMoveTaskDriver nodeB = driver("node-b");

    // When node B ticks while the lease lasts, Then it leaves the task alone
    tick(nodeB, T0 + 1_000 + MessageMoveTaskDriver.LEASE_MILLIS - 1);
    assertEquals(2, task().moved());
    assertEquals("node-a", task().leaseOwner());

    // When it ticks after the lease expired, Then it takes over and moves on
    tick(nodeB, T0 + 2_000 + MessageMoveTaskDriver.LEASE_MILLIS);
    assertEquals("node-b", task().leaseOwner());
    assertEquals(4, task().moved());
  }

  @Test
  void taskWithoutDestinationReturnsMessagesToTheQueuesTheyCameFrom() {
    // Given messages dead-lettered from two source queues
    sendTo(SOURCE_A, 2);
    sendTo(SOURCE_B, 3);
    deadLetter(SOURCE_A);
    deadLetter(SOURCE_B);
    assertEquals(5, visible(DLQ));
    start(null, null);

    // When the driver ticks
    tick(driver("node-a"), T0);

    // Then each message went home and both sources were announced
    assertEquals(MoveTaskStatus.COMPLETED, task().status());
    assertEquals(5, task().moved());
    assertEquals(2, visible(SOURCE_A));
    assertEquals(3, visible(SOURCE_B));
    assertTrue(arrivals.announced().containsAll(List.of(SOURCE_A, SOURCE_B)));
  }

  @Test
  void taskOnAnEmptyQueueCompletesAtOnce() {
    start(TARGET, 5);

    tick(driver("node-a"), T0);

    assertEquals(MoveTaskStatus.COMPLETED, task().status());
    assertEquals(0, task().moved());
  }

  @Test
  void budgetIsRateTimesElapsedSecondsLessWhatMovedCappedAtOneSecond() {
    MoveTask t = new MoveTask("h", DLQ, null, 10, MoveTaskStatus.RUNNING, 3, 100, T0, null, null, 0);
    assertEquals(0, MessageMoveTaskDriver.budget(t, T0));
    assertEquals(2, MessageMoveTaskDriver.budget(t, T0 + 500));
    assertEquals(10, MessageMoveTaskDriver.budget(t, T0 + 60_000));
    assertEquals(MessageMoveTaskDriver.UNLIMITED_BATCH,
        MessageMoveTaskDriver.budget(new MoveTask("h", DLQ, null, null, MoveTaskStatus.RUNNING, 0, 100, T0, null, null, 0), T0));
  }
}

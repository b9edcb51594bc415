package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.sqs.MessageMoveTaskDriver;
import io.sluice.sqs.model.MoveTaskHandle;
import io.sluice.testing.Await;
import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask on the in-memory store, with
 * the node's {@link MessageMoveTaskDriver} ticked by hand as the manual clock moves: what a task
 * counts at its start, how many messages each tick moves (a rate's budget to the millisecond, 100
 * per tick without one), when it completes, how cancelling takes effect, and what the list shows.
 */
class MessageMoveTasksTest {
  private static final String REDRIVE = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"1\"}";

  private final MemorySqs sqs = new MemorySqs();
  private final MessageMoveTaskDriver driver = sqs.moveTaskDriver("node-a");
  private final String dlq = sqs.createQueue("dlq", Map.of());
  private final String dlqArn = MemorySqs.queueId("dlq").arn();
  private final String source = sqs.createQueue("source", Map.of("RedrivePolicy", REDRIVE.formatted(dlqArn)));
  private final String destination = sqs.createQueue("destination", Map.of());
  private final String destinationArn = MemorySqs.queueId("destination").arn();

  private String start(String destinationArn, Integer rate) {
    return sqs.call(StartMessageMoveTask::new, new StartMessageMoveTask.Request(dlqArn, destinationArn, rate))
        .taskHandle();
  }

  private String startError(String sourceArn, String destinationArn, Integer rate) {
    return sqs.errorCode(StartMessageMoveTask::new, new StartMessageMoveTask.Request(sourceArn, destinationArn, rate));
  }

  private List<ListMessageMoveTasks.ResultEntry> list(Integer max) {
    return sqs.call(ListMessageMoveTasks::new, new ListMessageMoveTasks.Request(dlqArn, max)).results();
  }

  private ListMessageMoveTasks.ResultEntry latest() {
    return list(null).get(0);
  }

  private long cancel(String handle) {
    return sqs.call(CancelMessageMoveTask::new, new CancelMessageMoveTask.Request(handle))
        .approximateNumberOfMessagesMoved();
  }

  private String cancelError(String handle) {
    return sqs.errorCode(CancelMessageMoveTask::new, new CancelMessageMoveTask.Request(handle));
  }

  /** Ticks the driver at the clock's time and answers how many messages the newest task has moved. */
  private long tick() {
    Await.await(driver.tick(sqs.clock().millis()));
    return latest().approximateNumberOfMessagesMoved();
  }

  private void sendTo(String url, int count) {
    for (int i = 0; i < count; i++) {
      sqs.send(url, "m" + i);
    }
  }

  private int visible(String url) {
    return Integer.parseInt(sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url,
        List.of("ApproximateNumberOfMessages"))).attributes().get("ApproximateNumberOfMessages"));
  }

  @Test
  void aTaskCountsWhatItsSourceHoldsAtTheStartAndMovesNoMore() {
    // Given three messages in the dead-letter queue
    sendTo(dlq, 3);

    // When a task to a destination is started, and two more messages arrive
    sqs.clock().advanceMillis(1234);
    String handle = start(destinationArn, null);
    sendTo(dlq, 2);

    // Then it is listed RUNNING with its handle, the three to move, and the start time
    ListMessageMoveTasks.ResultEntry running = latest();
    assertEquals(new ListMessageMoveTasks.ResultEntry(handle, "RUNNING", dlqArn, destinationArn, null, 0L, 3L, null,
        sqs.clock().millis()), running);

    // When the driver ticks, Then it moves those three and completes, the two later ones staying
    assertEquals(3, tick());
    ListMessageMoveTasks.ResultEntry done = latest();
    assertEquals("COMPLETED", done.status());
    assertNull(done.taskHandle());
    assertEquals(3, visible(destination));
    assertEquals(2, visible(dlq));
  }

  @Test
  void withoutARateATickMovesAHundred() {
    // Given 250 messages in the dead-letter queue and a task without a rate
    sendTo(dlq, 250);
    start(destinationArn, null);

    // When the driver ticks three times, with no time passing
    // Then it moves 100, 100 and the last 50, and completes with the third
    assertEquals(100, tick());
    assertEquals(200, tick());
    assertEquals("RUNNING", latest().status());
    assertEquals(250, tick());
    assertEquals("COMPLETED", latest().status());
    assertEquals(250, visible(destination));
  }

  @Test
  void aRateAllowsRateTimesTheElapsedTimeAndATickMovesAtMostOneSecondsWorth() {
    // Given 20 messages and a task limited to 3 per second
    sendTo(dlq, 20);
    start(destinationArn, 3);
    assertEquals(3, latest().maxNumberOfMessagesPerSecond());

    // Then at the start nothing may move; after 333 ms still nothing, after 334 ms one (3 × 0.334 s)
    assertEquals(0, tick());
    sqs.clock().advanceMillis(333);
    assertEquals(0, tick());
    sqs.clock().advanceMillis(1);
    assertEquals(1, tick());

    // And after a second three in all
    sqs.clock().advanceMillis(666);
    assertEquals(3, tick());
    assertEquals(3, tick());

    // When ten seconds pass without a tick, Then each tick moves three until the task has caught up
    sqs.clock().advanceSeconds(10);
    assertEquals(6, tick());
    assertEquals(9, tick());
    assertEquals(12, tick());
    assertEquals(15, tick());
    assertEquals(18, tick());
    assertEquals("RUNNING", latest().status());
    assertEquals(20, tick());
    assertEquals("COMPLETED", latest().status());
  }

  @Test
  void ratesFromOneTo500AreAccepted() {
    sendTo(dlq, 1);
    assertEquals("InvalidParameterValue", startError(dlqArn, destinationArn, 0));
    assertEquals("InvalidParameterValue", startError(dlqArn, destinationArn, 501));
    start(destinationArn, 500);
    assertEquals(500, latest().maxNumberOfMessagesPerSecond());
    sqs.clock().advanceSeconds(1);
    tick();
    start(destinationArn, 1);
    assertEquals(1, latest().maxNumberOfMessagesPerSecond());
  }

  @Test
  void messagesInFlightOrDelayedAreCountedButNotMovedAndTheTaskEndsWhenAMoveFindsFewer() {
    // Given a dead-letter queue holding two visible messages, one in flight and one delayed
    sendTo(dlq, 1);
    sqs.receive(dlq, 1, 60);
    sendTo(dlq, 2);
    sqs.call(SendMessage::new, new SendMessage.Request(dlq, "delayed", 60, null, null, null, null));

    // When a task counts them and the driver ticks
    start(destinationArn, null);
    assertEquals(4, latest().approximateNumberOfMessagesToMove());
    assertEquals(2, tick());

    // Then it moved the two it found and completed; the others stay
    assertEquals("COMPLETED", latest().status());
    assertEquals(2, visible(destination));
    sqs.clock().advanceSeconds(60);
    assertEquals(2, visible(dlq));
  }

  @Test
  void withoutADestinationDeadLettersGoBackWhereTheyCameFromAndOthersStay() {
    // Given a message dead-lettered from the source, and one sent to the dead-letter queue directly
    sqs.send(source, "returning");
    sqs.receive(source, 1);
    sqs.clock().advanceSeconds(31);
    sqs.receive(source, 1);
    sqs.send(dlq, "sent directly");
    assertEquals(2, visible(dlq));

    // When a task without a destination runs
    start(null, null);
    assertNull(latest().destinationArn());
    assertEquals(1, tick());

    // Then the dead letter is back in the source, and the other stays where it is
    assertEquals("COMPLETED", latest().status());
    assertEquals(List.of("returning"), sqs.receive(source, 10).stream().map(m -> m.body()).toList());
    assertEquals(List.of("sent directly"), sqs.receive(dlq, 10).stream().map(m -> m.body()).toList());
  }

  @Test
  void cancellingShowsAtOnceAndTakesEffectOnTheNextTick() {
    // Given a task at one message per second that moved two of five
    sendTo(dlq, 5);
    String handle = start(destinationArn, 1);
    sqs.clock().advanceSeconds(1);
    assertEquals(1, tick());
    sqs.clock().advanceSeconds(1);
    assertEquals(2, tick());

    // When it is cancelled
    assertEquals(2, cancel(handle));

    // Then it is CANCELLING, without its handle, cannot be cancelled again nor replaced yet
    ListMessageMoveTasks.ResultEntry cancelling = latest();
    assertEquals("CANCELLING", cancelling.status());
    assertNull(cancelling.taskHandle());
    assertEquals("InvalidParameterValue", cancelError(handle));
    assertEquals("InvalidParameterValue", startError(dlqArn, destinationArn, null));

    // When the driver ticks, however late, Then it is CANCELLED having moved two, and a new task may start
    sqs.clock().advanceSeconds(60);
    assertEquals(2, tick());
    assertEquals("CANCELLED", latest().status());
    assertEquals(3, visible(dlq));
    assertNotNull(start(destinationArn, null));
  }

  @Test
  void theListIsNewestFirstOneByDefaultAndShowsWhyATaskFailed() {
    // Given a completed task, then one that failed because its destination was deleted, then a running one
    sendTo(dlq, 1);
    start(destinationArn, null);
    tick();
    sqs.clock().advanceSeconds(1);
    sendTo(dlq, 1);
    String other = sqs.createQueue("other", Map.of());
    start(MemorySqs.queueId("other").arn(), null);
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(other));
    tick();
    sqs.clock().advanceSeconds(1);
    String running = start(destinationArn, 1);

    // Then the list shows one by default, up to ten on request, newest first
    assertEquals(1, list(null).size());
    List<ListMessageMoveTasks.ResultEntry> all = list(10);
    assertEquals(List.of("RUNNING", "FAILED", "COMPLETED"),
        all.stream().map(ListMessageMoveTasks.ResultEntry::status).toList());
    assertEquals(running, all.get(0).taskHandle());
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", all.get(1).failureReason());
    assertNull(all.get(0).failureReason());
    assertNull(all.get(2).failureReason());
    assertEquals(2, list(2).size());
    assertEquals("InvalidParameterValue", sqs.errorCode(ListMessageMoveTasks::new,
        new ListMessageMoveTasks.Request(dlqArn, 11)));
  }

  @Test
  void startChecksItsQueues() {
    sendTo(dlq, 1);
    // The destination must be another queue of the same type
    assertEquals("InvalidParameterValue", startError(dlqArn, dlqArn, null));
    sqs.createFifoQueue("typed.fifo", Map.of());
    assertEquals("InvalidParameterValue", startError(dlqArn, MemorySqs.queueId("typed.fifo").arn(), null));
    // The source must be some queue's dead-letter queue
    String sourceArn = MemorySqs.queueId("source").arn();
    assertEquals("InvalidParameterValue", startError(sourceArn, destinationArn, null));
    // Queues that do not exist
    assertEquals("ResourceNotFoundException", startError(MemorySqs.queueId("missing").arn(), null, null));
    assertEquals("ResourceNotFoundException", startError(dlqArn, MemorySqs.queueId("missing").arn(), null));
    assertEquals(List.of(), list(10));
  }

  @Test
  void cancelChecksItsHandle() {
    sendTo(dlq, 1);
    start(destinationArn, 1);
    // A handle of this source queue naming no task
    assertEquals("ResourceNotFoundException", cancelError(new MoveTaskHandle("no-such-task", dlqArn).encode()));
    // A handle of a queue that does not exist
    assertEquals("ResourceNotFoundException", cancelError(
        new MoveTaskHandle("t", MemorySqs.queueId("missing").arn()).encode()));
    assertEquals("InvalidParameterValue", cancelError("not-a-handle"));
    assertEquals("MissingParameter", cancelError(""));
    assertEquals("RUNNING", latest().status());
  }
}

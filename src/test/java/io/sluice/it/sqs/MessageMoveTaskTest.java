package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.arnOf;
import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static io.sluice.it.sqs.SqsTesting.drain;
import static io.sluice.it.sqs.SqsTesting.redrivePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.testing.Engine;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Message move tasks (dead-letter queue redrive) through the SDK, on a node whose clock the test
 * moves: the node's background driver moves messages as the clock allows.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class MessageMoveTaskTest extends ClockedNodeTest {
  private String dlq;
  private String source;

  @BeforeEach
  void queues() {
    dlq = createQueue(sqs, "dlq");
    source = createQueue(sqs, "source", Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, 1),
        QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
  }

  /** Sends {@code count} messages to the source and lets them fail once each, into the DLQ. */
  private void deadLetter(int count) {
    for (int i = 0; i < count; i += 10) {
      int n = Math.min(10, count - i);
      int base = i;
      sqs.sendMessageBatch(b -> b.queueUrl(source).entries(IntStream.range(0, n)
          .mapToObj(j -> SendMessageBatchRequestEntry.builder()
              .id("e" + j).messageBody("m" + (base + j)).build()).toList()));
    }
    assertEquals(count, drain(sqs, source).size());
    node.advanceSeconds(31);
    assertTrue(drain(sqs, source).isEmpty(), "every message went to the DLQ");
  }

  private String startTask(String destinationArn, Integer rate) {
    return sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(dlq)).destinationArn(destinationArn)
        .maxNumberOfMessagesPerSecond(rate)).taskHandle();
  }

  private ListMessageMoveTasksResultEntry latest() {
    return sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq))).results().get(0);
  }

  /** Polls the newest task until {@code done}; the node's driver ticks every few hundred milliseconds. */
  private ListMessageMoveTasksResultEntry awaitTask(Predicate<ListMessageMoveTasksResultEntry> done,
                                                  Predicate<ListMessageMoveTasksResultEntry> meanwhile) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      ListMessageMoveTasksResultEntry t = latest();
      assertTrue(meanwhile.test(t), () -> "unexpected task state " + t);
      if (done.test(t)) {
        return t;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    fail("the task did not get there: " + latest());
    return null;
  }

  @Test
  void redriveWithoutDestinationReturnsMessagesToTheirSourceQueue() {
    // Given three messages dead-lettered from the source queue
    deadLetter(3);

    // When a move task is started on the DLQ without a destination
    String handle = startTask(null, null);

    // Then it completes having moved three, and the source has them again without a DLQ source ARN
    ListMessageMoveTasksResultEntry done = awaitTask(t -> t.status().equals("COMPLETED"), t -> true);
    assertEquals(3, done.approximateNumberOfMessagesMoved());
    assertEquals(3, done.approximateNumberOfMessagesToMove());
    assertEquals(arnOf(dlq), done.sourceArn());
    assertNull(done.destinationArn());
    assertNull(done.maxNumberOfMessagesPerSecond());
    assertNull(done.taskHandle(), "only running tasks show their handle");
    assertEquals(node.clock().millis(), done.startedTimestamp());
    assertNotNull(handle);
    List<Message> back = drain(sqs, source);
    assertEquals(List.of("m0", "m1", "m2"), back.stream().map(Message::body).sorted().toList());
    assertTrue(back.stream().allMatch(m ->
        m.attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN) == null));
    assertTrue(drain(sqs, dlq).isEmpty());
  }

  @Test
  void redriveToAnExplicitDestinationMovesThere() {
    deadLetter(2);
    String other = createQueue(sqs, "other");

    startTask(arnOf(other), null);

    ListMessageMoveTasksResultEntry done = awaitTask(t -> t.status().equals("COMPLETED"), t -> true);
    assertEquals(arnOf(other), done.destinationArn());
    assertEquals(2, drain(sqs, other).size());
    assertTrue(drain(sqs, source).isEmpty());
  }

  @Test
  void rateLimitedTaskMovesNoMoreThanItsRatePerSecond() {
    // Given ten dead letters and a task limited to 2 messages per second
    deadLetter(10);
    startTask(arnOf(source), 2);
    assertEquals(2, latest().maxNumberOfMessagesPerSecond());

    // When one second passes, Then two move, and no more while the clock stands still
    node.advanceSeconds(1);
    awaitTask(t -> t.approximateNumberOfMessagesMoved() == 2, t -> t.approximateNumberOfMessagesMoved() <= 2);
    assertEquals("RUNNING", latest().status());
    assertNotNull(latest().taskHandle());

    // When two more seconds pass, Then four more move; after five more everything has moved
    node.advanceSeconds(2);
    awaitTask(t -> t.approximateNumberOfMessagesMoved() == 6, t -> t.approximateNumberOfMessagesMoved() <= 6);
    node.advanceSeconds(5);
    awaitTask(t -> t.status().equals("COMPLETED"), t -> t.approximateNumberOfMessagesMoved() <= 10);
    assertEquals(10, drain(sqs, source).size());
  }

  @Test
  void cancelStopsARunningTaskAndReportsWhatItMoved() {
    // Given a task at 1 message per second that has moved 2 of 5
    deadLetter(5);
    String handle = startTask(arnOf(source), 1);
    node.advanceSeconds(2);
    awaitTask(t -> t.approximateNumberOfMessagesMoved() == 2, t -> t.approximateNumberOfMessagesMoved() <= 2);

    // When it is cancelled
    long moved = sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)).approximateNumberOfMessagesMoved();

    // Then it answers the count, ends CANCELLED, and moves nothing more however long it waits
    assertEquals(2, moved);
    awaitTask(t -> t.status().equals("CANCELLED"), t -> List.of("CANCELLING", "CANCELLED").contains(t.status()));
    node.advanceSeconds(60);
    assertEquals(3, drain(sqs, dlq).size());
    assertEquals(2, latest().approximateNumberOfMessagesMoved());
    // and a finished task cannot be cancelled again
    assertAwsError("InvalidParameterValue", () -> sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)));
  }

  @Test
  void onlyOneActiveTaskPerSourceAndTheListIsNewestFirst() {
    // Given a running task
    deadLetter(3);
    startTask(arnOf(source), 1);

    // Then a second one is refused while it runs
    assertAwsError("InvalidParameterValue", () -> startTask(null, null));

    // When it finishes and another is started, Then the list shows both, newest first
    node.advanceSeconds(10);
    awaitTask(t -> t.status().equals("COMPLETED"), t -> true);
    node.advanceSeconds(1);
    startTask(null, null);
    awaitTask(t -> t.status().equals("COMPLETED"), t -> true);
    List<ListMessageMoveTasksResultEntry> all = sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq)).maxResults(10))
        .results();
    assertEquals(2, all.size());
    assertTrue(all.get(0).startedTimestamp() > all.get(1).startedTimestamp());
    assertEquals(1, all.get(1).maxNumberOfMessagesPerSecond());
    assertEquals(1, sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq))).results().size(), "1 by default");
  }

  @Test
  void startRequiresAnExistingDeadLetterQueueAndAValidDestinationAndRate() {
    String plain = createQueue(sqs, "plain");
    String missing = arnOf(plain).replace("plain", "missing-queue");

    // A queue that is nobody's dead-letter queue
    assertAwsError("InvalidParameterValue", () -> sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(plain))));
    // Queues that do not exist
    assertThrows(ResourceNotFoundException.class,
        () -> sqs.startMessageMoveTask(b -> b.sourceArn(missing)));
    assertThrows(ResourceNotFoundException.class,
        () -> sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(dlq)).destinationArn(missing)));
    // Rates outside 1..500, a malformed ARN, no ARN
    assertAwsError("InvalidParameterValue", () -> startTask(null, 0));
    assertAwsError("InvalidParameterValue", () -> startTask(null, 501));
    assertAwsError("InvalidParameterValue", () -> sqs.startMessageMoveTask(b -> b.sourceArn("not-an-arn")));
    assertAwsError("MissingParameter", () -> sqs.startMessageMoveTask(b -> b.destinationArn(arnOf(plain))));
    // A destination of the other queue type
    String fifo = createQueue(sqs, "typed.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    assertAwsError("InvalidParameterValue", () -> startTask(arnOf(fifo), null));

    assertTrue(sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq))).results().isEmpty());
  }

  @Test
  void listAndCancelValidateTheirParameters() {
    assertAwsError("InvalidParameterValue", () -> sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq)).maxResults(11)));
    assertAwsError("InvalidParameterValue", () -> sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq)).maxResults(0)));
    assertThrows(ResourceNotFoundException.class,
        () -> sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq) + "-missing")));
    assertAwsError("InvalidParameterValue", () -> sqs.cancelMessageMoveTask(b -> b.taskHandle("not-a-handle")));
    assertAwsError("MissingParameter", () -> sqs.cancelMessageMoveTask(b -> b.taskHandle(null)));
  }
}

package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DeleteMessage and DeleteMessageBatch on the in-memory store with a manual clock: current and stale handles. */
class DeleteMessageTest {
  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void delete(String queueUrl, String handle) {
    sqs.call(DeleteMessage::new, new DeleteMessage.Request(queueUrl, handle));
  }

  private String deleteError(String queueUrl, String handle) {
    return sqs.errorCode(DeleteMessage::new, new DeleteMessage.Request(queueUrl, handle));
  }

  private String count(String name) {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of(name))).attributes()
        .get(name);
  }

  @Test
  void deletingWithTheCurrentHandleRemovesTheMessageForGood() {
    // Given a received message
    sqs.send(url, "hello");
    String handle = sqs.receive(url, 1).get(0).receiptHandle();

    // When it is deleted
    delete(url, handle);

    // Then it does not come back after its visibility timeout, and deleting again succeeds
    sqs.clock().advanceSeconds(30);
    assertEquals(List.of(), sqs.receive(url, 10));
    assertEquals("0", count("ApproximateNumberOfMessagesNotVisible"));
    delete(url, handle);
  }

  @Test
  void deleteWithAStaleReceiptHandleSucceedsButLeavesTheMessage() {
    // Given a message received twice, its first visibility timeout run out in between
    sqs.send(url, "hello");
    String stale = sqs.receive(url, 1).get(0).receiptHandle();
    sqs.clock().advanceSeconds(30);
    String current = sqs.receive(url, 1).get(0).receiptHandle();

    // When it is deleted with the first handle, Then the call succeeds but the message stays in flight
    delete(url, stale);
    assertEquals("1", count("ApproximateNumberOfMessagesNotVisible"));

    // And the current handle deletes it
    delete(url, current);
    assertEquals("0", count("ApproximateNumberOfMessagesNotVisible"));
  }

  @Test
  void aDeleteAfterTheVisibilityTimeoutRanOutButBeforeAnotherReceiveStillDeletes() {
    // Given a received message whose visibility timeout ran out, not received again
    sqs.send(url, "hello");
    String handle = sqs.receive(url, 1).get(0).receiptHandle();
    sqs.clock().advanceSeconds(60);

    // When it is deleted with its handle, Then it is gone
    delete(url, handle);
    assertEquals(List.of(), sqs.receive(url, 10));
  }

  @Test
  void handlesSluiceNeverIssuedForTheQueueAreReceiptHandleIsInvalid() {
    // Given a handle of another queue
    String other = sqs.createQueue("other", Map.of());
    sqs.send(other, "hello");
    String otherHandle = sqs.receive(other, 1).get(0).receiptHandle();

    // Then it, and text that is no handle, are ReceiptHandleIsInvalid here; no handle is MissingParameter
    assertEquals("ReceiptHandleIsInvalid", deleteError(url, otherHandle));
    assertEquals("ReceiptHandleIsInvalid", deleteError(url, "not-a-handle"));
    assertEquals("MissingParameter", deleteError(url, ""));
  }

  @Test
  void deletingFromADeletedQueueIsQueueDoesNotExist() {
    // Given a message received from a queue that was deleted since
    sqs.send(url, "hello");
    String handle = sqs.receive(url, 1).get(0).receiptHandle();
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(url));

    // When it is deleted with its handle, Then QueueDoesNotExist
    assertEquals("QueueDoesNotExist", deleteError(url, handle));
  }

  @Test
  void aBatchDeletesTheGoodHandlesAndReportsTheInvalidOnes() {
    // Given two received messages
    sqs.send(url, "a");
    sqs.send(url, "b");
    List<ReceiveMessage.Message> received = sqs.receive(url, 10);

    // When a batch deletes both and names a handle that is none
    DeleteMessageBatch.Response r = sqs.call(DeleteMessageBatch::new, new DeleteMessageBatch.Request(url, List.of(
        new DeleteMessageBatch.Entry("a", received.get(0).receiptHandle()),
        new DeleteMessageBatch.Entry("junk", "junk"),
        new DeleteMessageBatch.Entry("b", received.get(1).receiptHandle()))));

    // Then the two succeed and are gone, and the third fails alone
    assertEquals(List.of("a", "b"), r.successful().stream().map(DeleteMessageBatch.ResultEntry::id).toList());
    assertEquals("junk", r.failed().get(0).id());
    assertEquals("ReceiptHandleIsInvalid", r.failed().get(0).code());
    sqs.clock().advanceSeconds(30);
    assertEquals(List.of(), sqs.receive(url, 10));
  }

  @Test
  void aBatchMustBeWellFormed() {
    assertEquals("EmptyBatchRequest", sqs.errorCode(DeleteMessageBatch::new,
        new DeleteMessageBatch.Request(url, List.of())));
    assertEquals("BatchEntryIdsNotDistinct", sqs.errorCode(DeleteMessageBatch::new,
        new DeleteMessageBatch.Request(url, List.of(new DeleteMessageBatch.Entry("x", "h1"),
            new DeleteMessageBatch.Entry("x", "h2")))));
  }
}

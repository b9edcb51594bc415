package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DeleteQueue and GetQueueUrl on the in-memory store. */
class DeleteQueueTest {
  private final MemorySqs sqs = new MemorySqs();

  @Test
  void aDeletedQueueIsGoneForEveryOperationAndItsWaitersAreWoken() {
    // Given a queue with a message, whose attributes this node has cached
    String url = sqs.createQueue("orders", Map.of());
    sqs.send(url, "hello");

    // When it is deleted
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(url));

    // Then every operation on it answers QueueDoesNotExist, and its long polls were told
    assertEquals("QueueDoesNotExist", sqs.errorCode(SendMessage::new,
        new SendMessage.Request(url, "x", null, null, null, null, null)));
    assertEquals("QueueDoesNotExist", sqs.errorCode(ReceiveMessage::new,
        new ReceiveMessage.Request(url, null, null, null, 1, null, 0, null)));
    assertEquals("QueueDoesNotExist", sqs.errorCode(GetQueueUrl::new, new GetQueueUrl.Request("orders", null)));
    assertEquals("QueueDoesNotExist", sqs.errorCode(DeleteQueue::new, new DeleteQueue.Request(url)));
    assertTrue(sqs.arrivals().announced().stream().filter(MemorySqs.queueId("orders")::equals).count() >= 2);
  }

  @Test
  void aQueueCreatedAgainAfterAMinuteStartsEmpty() {
    // Given a queue with a message, deleted
    String url = sqs.createQueue("orders", Map.of());
    sqs.send(url, "hello");
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(url));

    // When it is created again a minute later, Then it holds no message
    sqs.clock().advanceSeconds(60);
    sqs.createQueue("orders", Map.of());
    assertEquals(List.of(), sqs.receive(url, 10));
  }

  @Test
  void getQueueUrlAnswersTheUrlOfTheCallersOrTheNamedAccountsQueue() {
    String url = sqs.createQueue("orders", Map.of());
    assertEquals(url, sqs.call(GetQueueUrl::new, new GetQueueUrl.Request("orders", null)).queueUrl());
    assertEquals(url, sqs.call(GetQueueUrl::new, new GetQueueUrl.Request("orders", MemorySqs.ACCOUNT)).queueUrl());
    assertEquals("QueueDoesNotExist", sqs.errorCode(GetQueueUrl::new,
        new GetQueueUrl.Request("orders", "111111111111")));
    assertEquals("MissingParameter", sqs.errorCode(GetQueueUrl::new, new GetQueueUrl.Request("", null)));
  }
}

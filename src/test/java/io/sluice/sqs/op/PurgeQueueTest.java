package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PurgeQueue on the in-memory store with a manual clock: what it deletes, and one purge a minute. */
class PurgeQueueTest {
  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of("VisibilityTimeout", "45"));

  private void purge() {
    sqs.call(PurgeQueue::new, new PurgeQueue.Request(url));
  }

  private Map<String, String> counts() {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of(
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")))
        .attributes();
  }

  @Test
  void purgeDeletesVisibleInFlightAndDelayedMessagesAndKeepsTheQueue() {
    // Given a visible, an in-flight and a delayed message
    sqs.send(url, "in flight");
    sqs.receive(url, 1);
    sqs.send(url, "visible");
    sqs.call(SendMessage::new, new SendMessage.Request(url, "delayed", 60, null, null, null, null));
    assertEquals(Map.of("ApproximateNumberOfMessages", "1", "ApproximateNumberOfMessagesNotVisible", "1",
        "ApproximateNumberOfMessagesDelayed", "1"), counts());

    // When the queue is purged
    purge();

    // Then none is left, now or later, and the queue keeps its attributes
    assertEquals(Map.of("ApproximateNumberOfMessages", "0", "ApproximateNumberOfMessagesNotVisible", "0",
        "ApproximateNumberOfMessagesDelayed", "0"), counts());
    sqs.clock().advanceSeconds(60);
    assertEquals(List.of(), sqs.receive(url, 10));
    assertEquals("45", sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url,
        List.of("VisibilityTimeout"))).attributes().get("VisibilityTimeout"));
  }

  @Test
  void aSecondPurgeWithinSixtySecondsIsPurgeQueueInProgressAndDeletesNothing() {
    // Given a queue purged, and a message sent after
    purge();
    sqs.send(url, "after");

    // When it is purged again 59 s later, Then PurgeQueueInProgress and the message stays
    sqs.clock().advanceSeconds(59);
    assertEquals("PurgeQueueInProgress", sqs.errorCode(PurgeQueue::new, new PurgeQueue.Request(url)));
    assertEquals("1", counts().get("ApproximateNumberOfMessages"));

    // When it is purged 60 s after the first purge, Then the message goes
    sqs.clock().advanceSeconds(1);
    purge();
    assertEquals("0", counts().get("ApproximateNumberOfMessages"));
  }

  @Test
  void purgingAMissingQueueIsQueueDoesNotExist() {
    assertEquals("QueueDoesNotExist", sqs.errorCode(PurgeQueue::new, new PurgeQueue.Request(MemorySqs.urlOf("x"))));
  }
}

package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetQueueAttributes on the in-memory store with a manual clock: names, counts as time passes. */
class GetQueueAttributesTest {
  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private Map<String, String> get(String... names) {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of(names))).attributes();
  }

  @Test
  void onlyTheNamedAttributesAreAnswered() {
    assertEquals(Map.of("VisibilityTimeout", "30", "DelaySeconds", "0"), get("VisibilityTimeout", "DelaySeconds"));
  }

  @Test
  void noNamesAnswerNoAttributes() {
    assertNull(sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, null)).attributes());
  }

  @Test
  void anUnknownNameIsInvalidAttributeName() {
    assertEquals("InvalidAttributeName", sqs.errorCode(GetQueueAttributes::new,
        new GetQueueAttributes.Request(url, List.of("VisibilityTimeout", "Colour"))));
  }

  @Test
  void attributesTheQueueDoesNotHaveAreLeftOut() {
    // Given a standard queue without policies
    Map<String, String> all = get("All");

    // Then no FIFO, policy or KMS attribute is listed
    for (String absent : List.of("FifoQueue", "ContentBasedDeduplication", "Policy", "RedrivePolicy",
        "KmsMasterKeyId")) {
      assertNull(all.get(absent), absent);
    }
  }

  @Test
  void theCountsFollowMessagesThroughDelayFlightAndTimeouts() {
    // Given a message delayed by 10 s, one visible and one received with a 20 s timeout
    sqs.call(SendMessage::new, new SendMessage.Request(url, "delayed", 10, null, null, null, null));
    sqs.send(url, "received");
    sqs.receive(url, 1, 20);
    sqs.send(url, "visible");
    String[] counts = {"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed"};
    assertEquals(Map.of(counts[0], "1", counts[1], "1", counts[2], "1"), get(counts));

    // When 10 s pass, Then the delayed one is visible
    sqs.clock().advanceSeconds(10);
    assertEquals(Map.of(counts[0], "2", counts[1], "1", counts[2], "0"), get(counts));

    // When 10 s more pass, Then the received one is visible again
    sqs.clock().advanceSeconds(10);
    assertEquals(Map.of(counts[0], "3", counts[1], "0", counts[2], "0"), get(counts));
  }

  @Test
  void aMissingQueueIsQueueDoesNotExist() {
    assertEquals("QueueDoesNotExist", sqs.errorCode(GetQueueAttributes::new,
        new GetQueueAttributes.Request(MemorySqs.urlOf("nope"), List.of("All"))));
  }
}

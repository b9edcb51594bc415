package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.testing.MemorySqs;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SendMessage on the in-memory store with a manual clock: validation, delays, FIFO deduplication. */
class SendMessageTest {
  private final MemorySqs sqs = new MemorySqs();

  private String error(String url, String body, Integer delay, Map<String, MessageAttributeValue> attributes,
                       String dedupId, String group) {
    return sqs.errorCode(SendMessage::new, new SendMessage.Request(url, body, delay, attributes, null, dedupId, group));
  }

  private String bodyOf(List<ReceiveMessage.Message> messages) {
    assertEquals(1, messages.size(), messages.toString());
    return messages.get(0).body();
  }

  @Test
  void aSentMessageIsReceivedWithItsDigestAndTheSendTime() {
    // Given a queue
    String url = sqs.createQueue("orders", Map.of());

    // When a message is sent
    SendMessage.Response sent = sqs.call(SendMessage::new, new SendMessage.Request(url, "hello", null,
        Map.of("kind", MessageAttributeValue.ofString("String", "retail")), null, null, null));

    // Then it is received with the id and digests SendMessage answered, stamped with the clock
    ReceiveMessage.Message m = sqs.receive(url, 10).get(0);
    assertEquals(sent.messageId(), m.messageId());
    assertEquals("5d41402abc4b2a76b9719d911017c592", sent.md5OfMessageBody());
    assertEquals(sent.md5OfMessageBody(), m.md5OfBody());
    assertEquals(sent.md5OfMessageAttributes(), m.md5OfMessageAttributes());
    assertEquals(Long.toString(sqs.clock().millis()), m.attributes().get("SentTimestamp"));
    assertEquals("AKIDTEST", m.attributes().get("SenderId"));
    assertNull(sent.sequenceNumber());
  }

  @Test
  void aSendWakesTheLongPollsOfItsQueue() {
    // Given a queue
    String url = sqs.createQueue("orders", Map.of());

    // When a message is sent, Then the queue is announced to long polls
    sqs.send(url, "hello");
    assertEquals(List.of(MemorySqs.queueId("orders")), sqs.arrivals().announced());
  }

  @Test
  void aDelayedMessageIsHiddenUntilItsDelayIsOver() {
    // Given a message sent with a 10 s delay
    String url = sqs.createQueue("orders", Map.of());
    sqs.call(SendMessage::new, new SendMessage.Request(url, "later", 10, null, null, null, null));

    // Then it is not received before 10 s, and is after
    sqs.clock().advanceMillis(9_999);
    assertEquals(List.of(), sqs.receive(url, 10));
    sqs.clock().advanceMillis(1);
    assertEquals("later", bodyOf(sqs.receive(url, 10)));
  }

  @Test
  void theQueueDelayAppliesWhenTheMessageGivesNone() {
    // Given a queue that delays messages by 5 s
    String url = sqs.createQueue("orders", Map.of("DelaySeconds", "5"));

    // When one message is sent without a delay and one with an explicit 0
    sqs.send(url, "queue delay");
    sqs.call(SendMessage::new, new SendMessage.Request(url, "no delay", 0, null, null, null, null));

    // Then only the explicit 0 is received at once, the other after 5 s
    assertEquals("no delay", bodyOf(sqs.receive(url, 10)));
    sqs.clock().advanceSeconds(5);
    assertEquals("queue delay", bodyOf(sqs.receive(url, 10)));
  }

  @Test
  void badBodiesDelaysAndAttributesAreRefusedWithAwsCodes() {
    String url = sqs.createQueue("orders", Map.of());
    assertEquals("MissingParameter", error(url, "", null, null, null, null));
    assertEquals("InvalidMessageContents", error(url, "bell \u0007", null, null, null, null));
    assertEquals("InvalidParameterValue", error(url, "x", 901, null, null, null));
    assertEquals("InvalidParameterValue", error(url, "x", -1, null, null, null));
    assertEquals("InvalidParameterValue", error(url, "x", null,
        Map.of("AWS.reserved", MessageAttributeValue.ofString("String", "v")), null, null));
    assertEquals("InvalidParameterValue", error(url, "x", null,
        Map.of("n", MessageAttributeValue.ofString("Number", "not a number")), null, null));
    assertEquals("InvalidParameterValue", error(url, "x", null,
        Map.of("t", MessageAttributeValue.ofString("Date", "today")), null, null));
    assertEquals("InvalidParameterValue", error(url, "x", null, null, "dedup", null));
  }

  @Test
  void aMessageLargerThanTheQueueMaximumIsRefused() {
    // Given a queue that takes at most 1 KiB, body and attributes together
    String url = sqs.createQueue("small", Map.of("MaximumMessageSize", "1024"));

    // Then 1024 bytes of body pass, and 1020 bytes of body with an attribute do not
    sqs.send(url, "x".repeat(1024));
    assertEquals("InvalidParameterValue", error(url, "x".repeat(1020), null,
        Map.of("k", MessageAttributeValue.ofString("String", "v")), null, null));
  }

  @Test
  void aMissingQueueIsQueueDoesNotExist() {
    assertEquals("QueueDoesNotExist", error(MemorySqs.urlOf("nope"), "x", null, null, null, null));
  }

  @Test
  void aFifoMessageNeedsAGroupAndADeduplicationIdAndTakesNoDelayOfItsOwn() {
    String url = sqs.createFifoQueue("orders.fifo", Map.of());
    assertEquals("MissingParameter", error(url, "x", null, null, "d", null));
    assertEquals("InvalidParameterValue", error(url, "x", null, null, null, "g"));
    assertEquals("InvalidParameterValue", error(url, "x", 5, null, "d", "g"));
    assertEquals("InvalidParameterValue", error(url, "x", null, null, "d", "g".repeat(129)));
  }

  @Test
  void aFifoDuplicateWithinFiveMinutesAnswersTheFirstMessageAndIsNotStored() {
    // Given a FIFO message
    String url = sqs.createFifoQueue("orders.fifo", Map.of());
    SendMessage.Response first = sqs.sendFifo(url, "one", "g", "d-1");

    // When the same deduplication id is sent again just before five minutes are over
    sqs.clock().advanceMillis(5 * 60_000 - 1);
    SendMessage.Response again = sqs.sendFifo(url, "two", "g", "d-1");

    // Then the first message's id is answered and only the first message is in the queue
    assertEquals(first.messageId(), again.messageId());
    assertEquals("one", bodyOf(sqs.receive(url, 10)));
    assertEquals(1, sqs.arrivals().announced().size());
  }

  @Test
  void aFifoDeduplicationIdMayBeUsedAgainAfterFiveMinutes() {
    // Given a FIFO message, received and deleted
    String url = sqs.createFifoQueue("orders.fifo", Map.of());
    SendMessage.Response first = sqs.sendFifo(url, "one", "g", "d-1");
    ReceiveMessage.Message m = sqs.receive(url, 1).get(0);
    sqs.call(DeleteMessage::new, new DeleteMessage.Request(url, m.receiptHandle()));

    // When the same deduplication id is sent five minutes after the first
    sqs.clock().advanceSeconds(5 * 60);
    SendMessage.Response later = sqs.sendFifo(url, "two", "g", "d-1");

    // Then it is a new message with a higher sequence number
    assertNotEquals(first.messageId(), later.messageId());
    assertTrue(new BigInteger(later.sequenceNumber()).compareTo(new BigInteger(first.sequenceNumber())) > 0);
    assertEquals("two", bodyOf(sqs.receive(url, 10)));
  }

  @Test
  void contentBasedDeduplicationDeduplicatesEqualBodies() {
    // Given a FIFO queue with content-based deduplication
    String url = sqs.createFifoQueue("orders.fifo", Map.of("ContentBasedDeduplication", "true"));

    // When the same body is sent twice without a deduplication id, and another body once
    String first = sqs.sendFifo(url, "same", "g", null).messageId();
    String second = sqs.sendFifo(url, "same", "g", null).messageId();
    sqs.sendFifo(url, "other", "g", null);

    // Then the second is the first, and two messages are stored
    assertEquals(first, second);
    assertEquals("2", sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url,
        List.of("ApproximateNumberOfMessages"))).attributes().get("ApproximateNumberOfMessages"));
  }

  @Test
  void withMessageGroupScopeTheSameDeduplicationIdInAnotherGroupIsANewMessage() {
    // Given a FIFO queue deduplicating per message group
    String url = sqs.createFifoQueue("orders.fifo", Map.of("DeduplicationScope", "messageGroup"));

    // When one deduplication id is sent in two groups
    String a = sqs.sendFifo(url, "a", "group-a", "d").messageId();
    String b = sqs.sendFifo(url, "b", "group-b", "d").messageId();

    // Then both are stored
    assertNotEquals(a, b);
    assertEquals(2, sqs.receive(url, 10).size());
  }
}

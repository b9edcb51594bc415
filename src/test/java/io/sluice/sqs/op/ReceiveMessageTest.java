package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.SqsConfig;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.testing.MemorySqs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ReceiveMessage on the in-memory store with a manual clock: visibility timeouts, receive counts,
 * dead-letter redrive, retention, short and long polls.
 */
class ReceiveMessageTest {
  private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:dlq";

  private final MemorySqs sqs = new MemorySqs();

  private ReceiveMessage.Response receive(String url, Integer max, Integer visibility, Integer wait) {
    return sqs.call(ReceiveMessage::new, new ReceiveMessage.Request(url, List.of("All"), null, null, max, visibility,
        wait, null));
  }

  private String error(ReceiveMessage.Request request) {
    return sqs.errorCode(ReceiveMessage::new, request);
  }

  private static List<String> bodies(List<ReceiveMessage.Message> messages) {
    return messages.stream().map(ReceiveMessage.Message::body).toList();
  }

  private String attribute(String url, String name) {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of(name))).attributes().get(name);
  }

  @Test
  void aShortPollOfAnEmptyQueueAnswersNoMessagesAtOnce() {
    // Given an empty queue
    String url = sqs.createQueue("orders", Map.of());
    long before = sqs.clock().millis();

    // When it is polled without a wait, Then no messages are answered and no time passes
    assertNull(receive(url, 10, null, 0).messages());
    assertEquals(before, sqs.clock().millis());
  }

  @Test
  void aReceivedMessageIsHiddenForTheVisibilityTimeoutThenReceivedAgainWithAHigherCount() {
    // Given a message received once from a queue with a 30 s visibility timeout
    String url = sqs.createQueue("orders", Map.of());
    sqs.send(url, "hello");
    long firstReceive = sqs.clock().millis();
    ReceiveMessage.Message first = sqs.receive(url, 10).get(0);
    assertEquals("1", first.attributes().get("ApproximateReceiveCount"));

    // Then it stays hidden for 30 s
    sqs.clock().advanceMillis(29_999);
    assertEquals(List.of(), sqs.receive(url, 10));
    assertEquals("1", attribute(url, "ApproximateNumberOfMessagesNotVisible"));

    // And is received again after, with a new handle, count 2 and its first receive time kept
    sqs.clock().advanceMillis(1);
    ReceiveMessage.Message second = sqs.receive(url, 10).get(0);
    assertEquals(first.messageId(), second.messageId());
    assertTrue(!first.receiptHandle().equals(second.receiptHandle()));
    assertEquals("2", second.attributes().get("ApproximateReceiveCount"));
    assertEquals(Long.toString(firstReceive), second.attributes().get("ApproximateFirstReceiveTimestamp"));
  }

  @Test
  void theVisibilityTimeoutOfTheCallOverridesTheQueues() {
    // Given a message received with a visibility timeout of 5 s on a queue of 30 s
    String url = sqs.createQueue("orders", Map.of());
    sqs.send(url, "hello");
    sqs.receive(url, 1, 5);

    // Then it is visible again after 5 s
    sqs.clock().advanceSeconds(5);
    assertEquals(List.of("hello"), bodies(sqs.receive(url, 1)));
  }

  @Test
  void aVisibilityTimeoutOfZeroLeavesTheMessageVisible() {
    String url = sqs.createQueue("orders", Map.of());
    sqs.send(url, "hello");
    sqs.receive(url, 1, 0);
    assertEquals(List.of("hello"), bodies(sqs.receive(url, 1)));
  }

  @Test
  void atMostTheRequestedNumberOfMessagesIsAnswered() {
    // Given twelve messages
    String url = sqs.createQueue("orders", Map.of());
    for (int i = 0; i < 12; i++) {
      sqs.send(url, "m" + i);
    }

    // Then one is answered by default, and ten at most
    assertEquals(1, receive(url, null, null, 0).messages().size());
    assertEquals(10, sqs.receive(url, 10).size());
    assertEquals(1, sqs.receive(url, 10).size());
  }

  @Test
  void parametersOutsideTheirRangesAreInvalidParameterValue() {
    String url = sqs.createQueue("orders", Map.of());
    assertEquals("InvalidParameterValue", error(new ReceiveMessage.Request(url, null, null, null, 0, null, null, null)));
    assertEquals("InvalidParameterValue", error(new ReceiveMessage.Request(url, null, null, null, 11, null, null, null)));
    assertEquals("InvalidParameterValue", error(new ReceiveMessage.Request(url, null, null, null, 1, 43_201, null,
        null)));
    assertEquals("InvalidParameterValue", error(new ReceiveMessage.Request(url, null, null, null, 1, null, 21, null)));
    assertEquals("InvalidAttributeName", error(new ReceiveMessage.Request(url, List.of("Colour"), null, null, 1, null,
        null, null)));
    assertEquals("QueueDoesNotExist", error(new ReceiveMessage.Request(MemorySqs.urlOf("nope"), null, null, null, 1,
        null, null, null)));
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueOnTheNextReceive() {
    // Given a queue that dead-letters after two receives
    String dlq = sqs.createQueue("dlq", Map.of());
    String url = sqs.createQueue("orders", Map.of("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":2}"));
    String id = sqs.send(url, "poison");

    // When it is received twice and its visibility timeout runs out each time
    for (int i = 0; i < 2; i++) {
      assertEquals(List.of("poison"), bodies(sqs.receive(url, 10)));
      sqs.clock().advanceSeconds(30);
    }

    // Then the third receive finds nothing, and the message is in the dead-letter queue with its source
    assertEquals(List.of(), sqs.receive(url, 10));
    assertTrue(sqs.arrivals().announced().contains(MemorySqs.queueId("dlq")));
    ReceiveMessage.Message dead = sqs.receive(dlq, 10).get(0);
    assertEquals(id, dead.messageId());
    assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", dead.attributes().get("DeadLetterQueueSourceArn"));
    assertEquals("0", attribute(url, "ApproximateNumberOfMessages"));
  }

  @Test
  void withItsDeadLetterQueueDeletedAMessageStaysInItsQueue() {
    // Given a queue whose dead-letter queue was deleted
    String dlq = sqs.createQueue("dlq", Map.of());
    String url = sqs.createQueue("orders", Map.of("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + DLQ_ARN + "\",\"maxReceiveCount\":1}"));
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(dlq));
    sqs.send(url, "poison");

    // When it is received more often than maxReceiveCount, Then it is still answered
    sqs.receive(url, 10);
    sqs.clock().advanceSeconds(30);
    assertEquals("2", sqs.receive(url, 10).get(0).attributes().get("ApproximateReceiveCount"));
  }

  @Test
  void messagesOlderThanTheRetentionPeriodAreGone() {
    // Given a queue that keeps messages for 60 s, and a message sent 30 s after another
    String url = sqs.createQueue("orders", Map.of("MessageRetentionPeriod", "60"));
    sqs.send(url, "old");
    sqs.clock().advanceSeconds(30);
    sqs.send(url, "young");

    // When the first one is 60 s old
    sqs.clock().advanceSeconds(30);

    // Then only the second is counted and received
    assertEquals("1", attribute(url, "ApproximateNumberOfMessages"));
    assertEquals(List.of("young"), bodies(sqs.receive(url, 10)));
  }

  @Test
  void anInFlightMessageExpiresAtTheEndOfItsRetentionPeriodToo() {
    // Given a message received with a visibility timeout longer than its remaining retention
    String url = sqs.createQueue("orders", Map.of("MessageRetentionPeriod", "60"));
    sqs.send(url, "short-lived");
    sqs.receive(url, 1, 600);

    // When its retention period is over, Then it is neither in flight nor received again later
    sqs.clock().advanceSeconds(60);
    assertEquals("0", attribute(url, "ApproximateNumberOfMessagesNotVisible"));
    sqs.clock().advanceSeconds(600);
    assertEquals(List.of(), sqs.receive(url, 10));
  }

  @Test
  void messageAttributeNamesSelectByExactNameByPrefixOrAll() {
    // Given a message with attributes whose names share prefixes
    String url = sqs.createQueue("orders", Map.of());
    Map<String, MessageAttributeValue> attrs = new LinkedHashMap<>();
    for (String name : List.of("prefix", "prefixA", "prefix.b", "pre", "other")) {
      attrs.put(name, MessageAttributeValue.ofString("String", name));
    }
    sqs.call(SendMessage::new, new SendMessage.Request(url, "m", null, attrs, null, null, null));

    // Then "prefix.*" selects every name starting with "prefix", "All" and ".*" select all, exact names select
    // themselves, and no name selects nothing
    assertEquals(Set.of("prefix", "prefixA", "prefix.b"), attributeNames(url, "prefix.*"));
    assertEquals(Set.of("prefix.b"), attributeNames(url, "prefix.b.*"));
    assertEquals(Set.of("prefix", "prefixA", "prefix.b", "pre", "other"), attributeNames(url, "All"));
    assertEquals(Set.of("prefix", "prefixA", "prefix.b", "pre", "other"), attributeNames(url, ".*"));
    assertEquals(Set.of("pre", "other"), attributeNames(url, "other", "pre", "absent"));
    assertEquals(Set.of(), attributeNames(url, "absent.*"));
    assertEquals(Set.of(), attributeNames(url));
  }

  /** The names of the message attributes a receive of the queue's only message asking for {@code names} answers. */
  private Set<String> attributeNames(String url, String... names) {
    ReceiveMessage.Message m = sqs.call(ReceiveMessage::new, new ReceiveMessage.Request(url, null, null,
        List.of(names), 1, 0, null, null)).messages().get(0);
    return m.messageAttributes() == null ? Set.of() : m.messageAttributes().keySet();
  }

  @Test
  void aLongPollOfAnEmptyQueueWaitsTheWholeWaitTime() {
    // Given an empty queue
    String url = sqs.createQueue("orders", Map.of());
    long before = sqs.clock().millis();

    // When it is long-polled for 20 s, Then it answers nothing once the 20 s are over
    assertNull(receive(url, 10, null, 20).messages());
    assertEquals(before + 20_000, sqs.clock().millis());
  }

  @Test
  void aLongPollAnswersADelayedMessageAsSoonAsItIsDue() {
    // Given a message delayed by 5 s
    String url = sqs.createQueue("orders", Map.of());
    sqs.call(SendMessage::new, new SendMessage.Request(url, "later", 5, null, null, null, null));
    long before = sqs.clock().millis();

    // When the queue is long-polled for 20 s, Then the message is answered after 5 s
    assertEquals(List.of("later"), bodies(receive(url, 10, null, 20).messages()));
    assertEquals(before + 5_000, sqs.clock().millis());
  }

  @Test
  void theQueueReceiveWaitTimeMakesAPollWithoutWaitTimeALongPoll() {
    // Given a queue whose polls wait 10 s
    String url = sqs.createQueue("orders", Map.of("ReceiveMessageWaitTimeSeconds", "10"));
    long before = sqs.clock().millis();

    // When it is polled without a wait time of its own, Then it waits 10 s
    assertNull(receive(url, 1, null, null).messages());
    assertEquals(before + 10_000, sqs.clock().millis());
  }

  @Test
  void aStandardQueueAtItsInFlightQuotaAnswersOverLimit() {
    // Given a node whose standard queues may hold two messages in flight, and two in flight
    SqsConfig defaults = MemorySqs.defaults();
    MemorySqs small = new MemorySqs(new SqsConfig(2, defaults.maxInflightFifo(), defaults.attributeCacheMs()));
    String url = small.createQueue("orders", Map.of());
    for (int i = 0; i < 3; i++) {
      small.send(url, "m" + i);
    }
    assertEquals(2, small.receive(url, 10).size());

    // When another receive comes, Then OverLimit
    assertEquals("OverLimit", small.errorCode(ReceiveMessage::new,
        new ReceiveMessage.Request(url, null, null, null, 1, null, 0, null)));
  }
}

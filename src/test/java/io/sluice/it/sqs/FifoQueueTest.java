package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** FIFO queues: order within a group, group blocking, deduplication, sequence numbers, receive retries. */
@ParameterizedClass
@EnumSource(Engine.class)
class FifoQueueTest extends ClockedNodeTest {

  private String fifo(Map<QueueAttributeName, String> extra) {
    Map<QueueAttributeName, String> attrs = new HashMap<>(extra);
    attrs.put(QueueAttributeName.FIFO_QUEUE, "true");
    return createQueue(sqs, "fifo.fifo", attrs);
  }

  private SendMessageResponse send(String url, String body, String group, String dedup) {
    return sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group).messageDeduplicationId(dedup));
  }

  private List<Message> receive(String url, int max) {
    return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  private void delete(String url, Message m) {
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
  }

  @Test
  void messagesOfAGroupArriveInSendOrderWithIncreasingSequenceNumbers() {
    // Given five messages sent to one group
    String url = fifo(Map.of());
    List<String> sequence = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sequence.add(send(url, "m" + i, "g", "d" + i).sequenceNumber());
    }

    // When received one at a time, each deleted before the next receive
    for (int i = 0; i < 5; i++) {
      Message m = receive(url, 1).get(0);
      // Then they come in order, with the sequence number the send returned
      assertEquals("m" + i, m.body());
      assertEquals(sequence.get(i), m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER));
      assertEquals("g", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      assertEquals("d" + i, m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
      delete(url, m);
    }
    for (int i = 1; i < sequence.size(); i++) {
      assertTrue(new BigInteger(sequence.get(i)).compareTo(new BigInteger(sequence.get(i - 1))) > 0);
    }
  }

  @Test
  void aGroupWithAMessageInFlightYieldsNothingElseUntilItIsDeleted() {
    // Given A1, A2 in group A and B1 in group B
    String url = fifo(Map.of());
    send(url, "A1", "A", "1");
    send(url, "A2", "A", "2");
    send(url, "B1", "B", "3");

    // When A1 is received alone, Then a receive for ten gets only B1: group A is blocked
    Message a1 = receive(url, 1).get(0);
    assertEquals("A1", a1.body());
    assertEquals(List.of("B1"), receive(url, 10).stream().map(Message::body).toList());
    assertTrue(receive(url, 10).isEmpty());

    // When A1 is deleted, Then A2 follows
    delete(url, a1);
    assertEquals(List.of("A2"), receive(url, 10).stream().map(Message::body).toList());
  }

  @Test
  void aGroupUnblocksWhenItsInFlightMessageTimesOutAndRedeliversInOrder() {
    String url = fifo(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    send(url, "A1", "A", "1");
    send(url, "A2", "A", "2");
    receive(url, 1);

    node.advanceSeconds(31);

    assertEquals(List.of("A1", "A2"), receive(url, 10).stream().map(Message::body).toList());
  }

  @Test
  void duplicateDeduplicationIdWithinFiveMinutesReturnsTheOriginalMessageId() {
    // Given a message sent with deduplication id "x"
    String url = fifo(Map.of());
    SendMessageResponse first = send(url, "one", "g", "x");

    // When the same id is sent again 4:59 later, even with another body
    node.advanceSeconds(299);
    SendMessageResponse again = send(url, "two", "g", "x");

    // Then it answers as the original and nothing new is queued
    assertEquals(first.messageId(), again.messageId());
    assertEquals(first.sequenceNumber(), again.sequenceNumber());
    List<Message> got = receive(url, 10);
    assertEquals(List.of("one"), got.stream().map(Message::body).toList());
    delete(url, got.get(0));

    // And after the five minutes the id is new again, also after the first was deleted
    node.advanceSeconds(2);
    SendMessageResponse later = send(url, "three", "g", "x");
    assertNotEquals(first.messageId(), later.messageId());
    assertEquals(List.of("three"), receive(url, 10).stream().map(Message::body).toList());
  }

  @Test
  void contentBasedDeduplicationTreatsEqualBodiesAsDuplicates() {
    // Given a queue deduplicating by content
    String url = fifo(Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));

    // When the same body is sent twice (even to another group), and another body once
    SendMessageResponse first = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g1"));
    SendMessageResponse dup = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g2"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("other").messageGroupId("g1"));
    // and an explicit id overrides the content hash
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g1").messageDeduplicationId("own"));

    // Then the duplicate returns the original id and three messages exist
    assertEquals(first.messageId(), dup.messageId());
    List<Message> got = receive(url, 10);
    assertEquals(List.of("same", "other", "same"), got.stream().map(Message::body).toList());
    assertEquals(64, got.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID).length());

    // And after five minutes the same body is accepted again
    node.advanceSeconds(301);
    assertNotEquals(first.messageId(),
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g3")).messageId());
  }

  @Test
  void deduplicationScopeMessageGroupKeepsEqualIdsOfDifferentGroups() {
    // Given a queue deduplicating per message group
    String url = fifo(Map.of(QueueAttributeName.DEDUPLICATION_SCOPE, "messageGroup",
        QueueAttributeName.FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));

    // When the same id is sent to two groups and again to the first
    SendMessageResponse g1 = send(url, "a", "g1", "same");
    SendMessageResponse g2 = send(url, "b", "g2", "same");
    SendMessageResponse g1again = send(url, "c", "g1", "same");

    // Then the groups keep separate messages and only the repeat in g1 is a duplicate
    assertNotEquals(g1.messageId(), g2.messageId());
    assertEquals(g1.messageId(), g1again.messageId());
    assertEquals(List.of("a", "b"), receive(url, 10).stream().map(Message::body).sorted().toList());
  }

  @Test
  void retryWithTheSameReceiveRequestAttemptIdReturnsTheSameMessagesAndHandles() {
    // Given two messages received with an attempt id
    String url = fifo(Map.of());
    send(url, "m1", "g", "1");
    send(url, "m2", "g", "2");
    List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
        .receiveRequestAttemptId("attempt-1")).messages();

    // When the receive is retried with that id
    List<Message> retry = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
        .receiveRequestAttemptId("attempt-1")).messages();

    // Then the same messages come back with the same receipt handles
    assertEquals(2, first.size());
    assertEquals(first.stream().map(Message::receiptHandle).toList(), retry.stream().map(Message::receiptHandle).toList());
    // while a new attempt id gets nothing (the group is in flight)
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("attempt-2")).messages().isEmpty());
    // and once one of them is deleted the retry no longer repeats them
    delete(url, first.get(0));
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).receiveRequestAttemptId("attempt-1")).messages().isEmpty());
  }

  @Test
  void fifoSendRulesGiveAwsErrors() {
    String url = fifo(Map.of());

    assertAwsError("MissingParameter",
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m").messageDeduplicationId("d")));
    assertAwsError("InvalidParameterValue",
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m").messageGroupId("g")));
    assertAwsError("InvalidParameterValue", () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m")
        .messageGroupId("g").messageDeduplicationId("d").delaySeconds(5)));
    assertAwsError("InvalidParameterValue", () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m")
        .messageGroupId("g h").messageDeduplicationId("d")));
    assertTrue(receive(url, 10).isEmpty());
  }

  @Test
  void standardQueuesAcceptMessageGroupIdsForFairQueuesButNotDeduplicationIds() {
    // Given a standard queue
    String url = createQueue(sqs, "fair");

    // When a message names a tenant as its group, Then it is accepted and reports its group
    SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("m").messageGroupId("tenant-7"));
    assertEquals(null, sent.sequenceNumber());
    Message m = receive(url, 1).get(0);
    assertEquals("tenant-7", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertEquals(null, m.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER));

    // And a deduplication id is refused
    assertAwsError("InvalidParameterValue",
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m").messageDeduplicationId("d")));
  }
}

package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.arnOf;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static io.sluice.it.sqs.SqsTesting.redrivePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** RedrivePolicy: messages received maxReceiveCount times move to the dead-letter queue on the next receive. */
@ParameterizedClass
@EnumSource(Engine.class)
class DeadLetterQueueTest extends ClockedNodeTest {

  private List<Message> receive(String url) {
    return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All")
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  @Test
  void messageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueOnTheNextReceive() {
    // Given a queue sending messages to a DLQ after 2 receives, and a message with an attribute
    String dlq = createQueue(sqs, "dlq");
    String source = createQueue(sqs, "source", Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, 2),
        QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    String id = sqs.sendMessage(b -> b.queueUrl(source).messageBody("poison").messageAttributes(Map.of("k",
        MessageAttributeValue.builder().dataType("String").stringValue("v").build()))).messageId();

    // When it is received twice without being deleted
    assertEquals(1, receive(source).size());
    node.advanceSeconds(31);
    assertEquals("2", receive(source).get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    node.advanceSeconds(31);

    // Then the third receive finds nothing, and the DLQ holds the same message with its source's ARN
    assertTrue(receive(source).isEmpty());
    List<Message> dead = receive(dlq);
    assertEquals(1, dead.size());
    Message m = dead.get(0);
    assertEquals(id, m.messageId());
    assertEquals("poison", m.body());
    assertEquals("v", m.messageAttributes().get("k").stringValue());
    assertEquals(arnOf(source), m.attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN));
    assertEquals("1", m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
  }

  @Test
  void deletedOrFreshMessagesStayInTheSourceQueue() {
    // Given a queue with maxReceiveCount 1 and two messages, one of which is deleted when received
    String dlq = createQueue(sqs, "dlq");
    String source = createQueue(sqs, "source", Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, 1)));
    sqs.sendMessage(b -> b.queueUrl(source).messageBody("handled"));
    List<Message> first = receive(source);
    sqs.deleteMessage(b -> b.queueUrl(source).receiptHandle(first.get(0).receiptHandle()));
    sqs.sendMessage(b -> b.queueUrl(source).messageBody("fresh"));

    // When received, Then the fresh one is delivered, and the DLQ is empty
    assertEquals(List.of("fresh"), receive(source).stream().map(Message::body).toList());
    assertTrue(receive(dlq).isEmpty());
  }

  @Test
  void fifoMessagesKeepGroupAndDeduplicationIdsInTheirDeadLetterQueue() {
    // Given FIFO source and DLQ, maxReceiveCount 1
    Map<QueueAttributeName, String> fifo = Map.of(QueueAttributeName.FIFO_QUEUE, "true");
    String dlq = createQueue(sqs, "dlq.fifo", fifo);
    String source = createQueue(sqs, "source.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, 1), QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    sqs.sendMessage(b -> b.queueUrl(source).messageBody("m1").messageGroupId("g").messageDeduplicationId("d1"));
    sqs.sendMessage(b -> b.queueUrl(source).messageBody("m2").messageGroupId("g").messageDeduplicationId("d2"));

    // When both are received once and time out
    assertEquals(2, receive(source).size());
    node.advanceSeconds(31);

    // Then the next receive moves them, and the DLQ has them in order with their ids
    assertTrue(receive(source).isEmpty());
    List<Message> dead = receive(dlq);
    assertEquals(List.of("m1", "m2"), dead.stream().map(Message::body).toList());
    assertEquals("g", dead.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertEquals("d2", dead.get(1).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    assertEquals(arnOf(source), dead.get(0).attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN));
  }

  @Test
  void messagesSentStraightToADeadLetterQueueHaveNoSourceArn() {
    String dlq = createQueue(sqs, "dlq");
    createQueue(sqs, "source", Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq, 3)));

    sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("direct"));

    assertNull(receive(dlq).get(0).attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN));
  }
}

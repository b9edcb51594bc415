package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A subscription's dead-letter queue ("Amazon SNS dead-letter queues (DLQs)"): when the subscribed
 * queue was deleted, delivery fails with a client error, which SNS does not retry; the message goes
 * to the queue of the subscription's RedrivePolicy with the RequestID, ErrorCode and ErrorMessage
 * attributes.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SubscriptionDeadLetterTest extends SharedSnsNodeTest {

  /**
   * Subscribes a new queue (FIFO when the topic is) with {@code attributes} and a new dead-letter
   * queue of the same kind, then deletes the subscribed queue; answers the dead-letter queue's URL.
   */
  private String deadLetterQueueOfDeletedQueue(String topic, Map<String, String> attributes) {
    boolean fifo = topic.endsWith(".fifo");
    String url = fifo ? fifoQueue("dlq-gone") : queue("dlq-gone");
    String dlq = fifo ? fifoQueue("dlq") : queue("dlq");
    Map<String, String> withRedrive = new HashMap<>(attributes);
    withRedrive.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + queueArn(dlq) + "\"}");
    subscribe(topic, url, withRedrive);
    sqs().deleteQueue(b -> b.queueUrl(url));
    return dlq;
  }

  private static void assertDeadLetterAttributes(Message m) {
    for (String name : new String[] {"RequestID", "ErrorCode", "ErrorMessage"}) {
      var attribute = m.messageAttributes().get(name);
      assertFalse(attribute == null || attribute.stringValue().isBlank(), name + " in " + m.messageAttributes());
      assertEquals("String", attribute.dataType());
    }
  }

  @Test
  void aMessageForADeletedQueueGoesToTheDeadLetterQueue() {
    // Given a queue subscription with a dead-letter queue, whose queue is then deleted
    String topic = topic("dlq");
    String dlq = deadLetterQueueOfDeletedQueue(topic, Map.of());

    // When a message is published
    String id = sns().publish(b -> b.topicArn(topic).message("lost letter").subject("Dead")).messageId();
    Message m = receiveOne(dlq);

    // Then the dead-letter queue holds the notification it could not take, with the error attributes
    JsonNode envelope = json(m.body());
    assertEquals(id, envelope.get("MessageId").asText());
    assertEquals("lost letter", envelope.get("Message").asText());
    assertEquals("Dead", envelope.get("Subject").asText());
    assertDeadLetterAttributes(m);
  }

  @Test
  void aRawSubscriptionsDeadLetterIsTheRawMessage() {
    // Given a raw queue subscription with a dead-letter queue, whose queue is then deleted
    String topic = topic("dlq-raw");
    String dlq = deadLetterQueueOfDeletedQueue(topic, Map.of("RawMessageDelivery", "true"));

    // When a message is published
    sns().publish(b -> b.topicArn(topic).message("raw and lost"));

    // Then the dead-letter queue holds the bare message
    Message m = receiveOne(dlq);
    assertEquals("raw and lost", m.body());
    assertDeadLetterAttributes(m);
  }

  @Test
  void aFifoSubscriptionsDeadLetterKeepsItsGroup() {
    // Given a FIFO topic whose FIFO queue subscription has a FIFO dead-letter queue, the queue then deleted
    String topic = fifoTopic("dlq-fifo", Map.of("ContentBasedDeduplication", "true"));
    String dlq = deadLetterQueueOfDeletedQueue(topic, Map.of());

    // When a message is published in a group
    String id = sns().publish(b -> b.topicArn(topic).message("fifo lost").messageGroupId("g-1")).messageId();

    // Then the dead-letter queue holds it in the same group
    Message m = receiveOne(dlq);
    assertEquals(id, json(m.body()).get("MessageId").asText());
    assertEquals("g-1", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertDeadLetterAttributes(m);
  }

  @Test
  void moreThanTenAttributesCannotBeDeliveredRaw() {
    // Given a raw queue subscription with a dead-letter queue
    String topic = topic("dlq-eleven");
    String url = queue("dlq-eleven-q");
    String dlq = queue("dlq-eleven");
    subscribe(topic, url, Map.of("RawMessageDelivery", "true",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + queueArn(dlq) + "\"}"));

    // When a message with eleven attributes is published (a queue message takes at most ten)
    sns().publish(b -> b.topicArn(topic).message("too many").messageAttributes(SnsTesting.stringAttributes(11)));

    // Then it is a client error: the queue gets nothing and the dead-letter queue the message
    Message m = receiveOne(dlq);
    assertEquals("too many", m.body());
    assertDeadLetterAttributes(m);
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void otherSubscriptionsStillGetTheMessage() {
    // Given a topic with a working queue subscription beside one whose queue was deleted
    String topic = topic("dlq-others");
    String working = subscribedQueue(topic, true);
    String dlq = deadLetterQueueOfDeletedQueue(topic, Map.of("RawMessageDelivery", "true"));

    // When a message is published
    sns().publish(b -> b.topicArn(topic).message("half delivered"));

    // Then the working queue gets it and the dead-letter queue gets the failed copy
    assertEquals("half delivered", receiveOne(working).body());
    assertEquals("half delivered", receiveOne(dlq).body());
  }
}

package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * FIFO topics ("Message ordering and deduplication in Amazon SNS FIFO topics"): a message group is
 * required, deduplication by id or content within the 5-minute interval, increasing sequence numbers,
 * strict order into FIFO queues, and the group and deduplication ids carried to the queue.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class FifoTopicTest extends SharedSnsNodeTest {

  private String subscribedFifoQueue(String topic, boolean raw) {
    String url = fifoQueue("fifo-q");
    subscribe(topic, url, raw ? Map.of("RawMessageDelivery", "true") : Map.of());
    return url;
  }

  private PublishResponse publish(String topic, String message, String group, String dedup) {
    return sns().publish(b -> b.topicArn(topic).message(message).messageGroupId(group).messageDeduplicationId(dedup));
  }

  @Test
  void aMessageGroupIdIsRequired() {
    // Given a FIFO topic with content-based deduplication
    String topic = fifoTopic("group", Map.of("ContentBasedDeduplication", "true"));

    // When a message without a group is published
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("no group")));
  }

  @Test
  void aDeduplicationIdIsRequiredWithoutContentBasedDeduplication() {
    // Given a FIFO topic without content-based deduplication
    String topic = fifoTopic("dedup", Map.of());

    // When a message is published without a deduplication id, and with one
    // Then the first is InvalidParameter, the second accepted with a sequence number
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("m").messageGroupId("g")));
    PublishResponse ok = publish(topic, "m", "g", "d-1");
    assertTrue(ok.sequenceNumber() != null && ok.sequenceNumber().matches("\\d+"), ok.sequenceNumber());
  }

  @Test
  void groupAndDeduplicationIdsAreAtMost128Characters() {
    // Given a FIFO topic
    String topic = fifoTopic("id-length", Map.of());
    String longest = "i".repeat(128);

    // When ids of 128 characters are used, and of 129
    // Then the first publish is accepted and the others are InvalidParameter
    publish(topic, "m", longest, longest);
    assertSnsError("InvalidParameter", () -> publish(topic, "m", longest + "i", "d"));
    assertSnsError("InvalidParameter", () -> publish(topic, "m", "g", longest + "i"));
  }

  @Test
  void aBatchEntryWithoutGroupFailsAlone() {
    // Given a FIFO topic with content-based deduplication
    String topic = fifoTopic("batch-group", Map.of("ContentBasedDeduplication", "true"));

    // When a batch holds an entry with a group and one without
    var response = sns().publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
        PublishBatchRequestEntry.builder().id("grouped").message("a").messageGroupId("g").build(),
        PublishBatchRequestEntry.builder().id("loose").message("b").build()));

    // Then the first succeeds and the second fails with InvalidParameter
    assertEquals(List.of("grouped"), response.successful().stream().map(e -> e.id()).toList());
    assertEquals("loose", response.failed().get(0).id());
    assertEquals("InvalidParameter", response.failed().get(0).code());
  }

  @Test
  void aStandardTopicRejectsADeduplicationId() {
    // Given a standard topic
    String topic = topic("standard");

    // When a message with a deduplication id is published
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("m")
        .messageDeduplicationId("d")));
  }

  @Test
  void aDuplicateIdWithinTheIntervalAnswersTheSameMessageAndIsDeliveredOnce() {
    // Given a FIFO topic with a raw FIFO queue subscription
    String topic = fifoTopic("dup", Map.of());
    String url = subscribedFifoQueue(topic, true);

    // When the same deduplication id is published twice (even with another body), then a new one
    PublishResponse first = publish(topic, "first", "g", "same");
    PublishResponse again = publish(topic, "second body", "g", "same");
    PublishResponse other = publish(topic, "third", "g", "other");

    // Then the duplicate answers the first message's id and only two messages arrive
    assertEquals(first.messageId(), again.messageId());
    assertNotEquals(first.messageId(), other.messageId());
    List<String> bodies = receive(url, 2).stream().map(Message::body).toList();
    assertEquals(List.of("first", "third"), bodies);
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void contentBasedDeduplicationDropsTheSameBody() {
    // Given a FIFO topic with content-based deduplication and a raw FIFO queue subscription
    String topic = fifoTopic("cbd", Map.of("ContentBasedDeduplication", "true"));
    String url = subscribedFifoQueue(topic, true);

    // When the same body is published twice, then another body
    String first = sns().publish(b -> b.topicArn(topic).message("same").messageGroupId("g")).messageId();
    String again = sns().publish(b -> b.topicArn(topic).message("same").messageGroupId("g")).messageId();
    sns().publish(b -> b.topicArn(topic).message("different").messageGroupId("g"));

    // Then the second is the first, and two messages arrive
    assertEquals(first, again);
    assertEquals(List.of("same", "different"), receive(url, 2).stream().map(Message::body).toList());
  }

  @Test
  void sequenceNumbersIncrease() {
    // Given a FIFO topic
    String topic = fifoTopic("seq", Map.of("ContentBasedDeduplication", "true"));

    // When messages are published in two groups
    List<BigInteger> numbers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      numbers.add(new BigInteger(sns().publish(b -> b.topicArn(topic).message("m" + n)
          .messageGroupId(n % 2 == 0 ? "even" : "odd")).sequenceNumber()));
    }

    // Then each sequence number is larger than the one before
    for (int i = 1; i < numbers.size(); i++) {
      assertTrue(numbers.get(i).compareTo(numbers.get(i - 1)) > 0, numbers.toString());
    }
  }

  @Test
  void fiftySequentialPublishesArriveInOrder() {
    // Given a FIFO topic with a raw FIFO queue subscription
    String topic = fifoTopic("order", Map.of("ContentBasedDeduplication", "true"));
    String url = subscribedFifoQueue(topic, true);

    // When 50 messages are published one after another in one group
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String body = "m-" + i;
      sent.add(body);
      sns().publish(b -> b.topicArn(topic).message(body).messageGroupId("one"));
    }

    // Then the queue hands them out in exactly that order
    assertEquals(sent, receive(url, 50).stream().map(Message::body).toList());
  }

  @Test
  void groupAndDeduplicationIdsReachTheQueue() {
    // Given a FIFO topic with a FIFO queue subscription (envelope delivery)
    String topic = fifoTopic("ids", Map.of());
    String url = subscribedFifoQueue(topic, false);

    // When a message is published with a group and a deduplication id
    PublishResponse published = publish(topic, "carried", "group-7", "dedup-7");
    Message m = receiveOne(url);

    // Then the queue message carries both, and the envelope the topic's sequence number
    assertEquals("group-7", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    assertEquals("dedup-7", m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    JsonNode envelope = json(m.body());
    assertEquals("Notification", envelope.get("Type").asText());
    assertEquals(published.messageId(), envelope.get("MessageId").asText());
    assertEquals(published.sequenceNumber(), envelope.get("SequenceNumber").asText());
    assertEquals("carried", envelope.get("Message").asText());
  }

  @Test
  void aStandardQueueMaySubscribeToAFifoTopic() {
    // Given a FIFO topic with a raw standard queue subscription
    String topic = fifoTopic("to-standard", Map.of());
    String url = subscribedQueue(topic, true);

    // When a message is published with a group and a deduplication id
    publish(topic, "to a standard queue", "g", "d");

    // Then the standard queue receives it (deduplication ids are only for FIFO queues)
    assertEquals("to a standard queue", receiveOne(url).body());
  }

  @Test
  void fifoTopicsDeliverOnlyToQueues() {
    // Given a FIFO topic
    String topic = fifoTopic("only-sqs", Map.of());

    // When an HTTP endpoint or an email address subscribes
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic).protocol("http")
        .endpoint("http://127.0.0.1:9/hook")));
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic).protocol("email")
        .endpoint("someone@example.com")));
  }

  @Test
  void aBatchToAFifoTopicKeepsEntryOrder() {
    // Given a FIFO topic with a raw FIFO queue subscription
    String topic = fifoTopic("batch", Map.of("ContentBasedDeduplication", "true"));
    String url = subscribedFifoQueue(topic, true);

    // When ten entries of one group are published in a batch
    List<PublishBatchRequestEntry> entries = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bodies.add("b-" + i);
      entries.add(PublishBatchRequestEntry.builder().id("e" + i)
          .message("b-" + i).messageGroupId("g").build());
    }
    var response = sns().publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entries));

    // Then every entry has a sequence number and the queue hands them out in entry order
    assertEquals(10, response.successful().size());
    assertTrue(response.successful().stream().allMatch(e -> e.sequenceNumber() != null));
    assertEquals(bodies, receive(url, 10).stream().map(Message::body).toList());
  }
}

package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.testing.MemorySns;
import io.sluice.testing.RecordingDeliveries.Attempted;
import io.sluice.testing.RecordingDeliveries;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Publish to FIFO topics on the in-memory store with a manual clock ("Message deduplication for FIFO
 * topics"): the deduplication interval of exactly five minutes from the first publish, by id or by
 * content, per topic or per message group (FifoThroughputScope); the sequence numbers; the group and
 * ids each delivery carries, in publish order, with an unsigned envelope.
 */
class PublishFifoTest {
  private static final long FIVE_MINUTES = 5 * 60 * 1000;
  private static final String QUEUE = MemorySns.queueArn("q.fifo");

  private final MemorySns sns = new MemorySns();

  private String fifoTopic(Map<String, String> attributes) {
    Map<String, String> fifo = new HashMap<>(attributes);
    fifo.put("FifoTopic", "true");
    String arn = sns.createTopic("orders.fifo", fifo);
    sns.subscribe(arn, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"));
    return arn;
  }

  private static Publish.Request request(String topic, String message, String group, String dedup) {
    return new Publish.Request(topic, null, null, message, null, null, null, dedup, group);
  }

  private Publish.Response publish(String topic, String message, String group, String dedup) {
    return sns.call(Publish::new, request(topic, message, group, dedup));
  }

  private String error(String topic, String message, String group, String dedup) {
    return sns.errorCode(Publish::new, request(topic, message, group, dedup));
  }

  private List<String> delivered() {
    return sns.deliveries().delivered(QUEUE);
  }

  @Test
  void aGroupIsRequiredAndADeduplicationIdUnlessContentBasedDeduplicationIsOn() {
    String topic = fifoTopic(Map.of());
    assertEquals("InvalidParameter", error(topic, "m", null, "d"));
    assertEquals("InvalidParameter", error(topic, "m", "g", null));
    // Ids are 1 to 128 printable ASCII characters without spaces
    assertEquals("InvalidParameter", error(topic, "m", "g g", "d"));
    assertEquals("InvalidParameter", error(topic, "m", "g", "dé"));
    assertEquals("InvalidParameter", error(topic, "m", "", "d"));
    publish(topic, "m", "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "d");
    assertEquals(List.of("m"), delivered());
  }

  @Test
  void aStandardTopicTakesAGroupButNoDeduplicationId() {
    // Given a standard topic with a queue subscription
    String topic = sns.createTopic("standard", Map.of());
    String queue = MemorySns.queueArn("standard-q");
    sns.subscribe(topic, "sqs", queue, null);

    // Then a deduplication id is InvalidParameter, and a group id is carried to the delivery
    assertEquals("InvalidParameter", error(topic, "m", "g", "d"));
    Publish.Response published = publish(topic, "m", "g", null);
    assertNull(published.sequenceNumber());
    assertEquals("g", sns.deliveries().attempts(queue).get(0).attempt().message().groupId());
  }

  @Test
  void aDuplicateIsRecognisedForExactlyFiveMinutesFromTheFirstPublish() {
    // Given a FIFO topic and a message published with deduplication id "d"
    String topic = fifoTopic(Map.of());
    Publish.Response first = publish(topic, "first", "g", "d");

    // When the same id comes again after four minutes, and 1 ms before the five minutes are up
    sns.clock().advanceMillis(FIVE_MINUTES - 60_000);
    Publish.Response again = publish(topic, "again", "g", "d");
    sns.clock().advanceMillis(60_000 - 1);
    Publish.Response lastMoment = publish(topic, "last moment", "g", "d");

    // Then each answers the first message's id and sequence number and is not delivered (a duplicate
    // does not extend the interval)
    assertEquals(first, again);
    assertEquals(first, lastMoment);
    assertEquals(List.of("first"), delivered());

    // When it comes exactly five minutes after the first
    sns.clock().advanceMillis(1);
    Publish.Response fresh = publish(topic, "fresh", "g", "d");

    // Then it is a new message, with a later sequence number, and delivered
    assertNotEquals(first.messageId(), fresh.messageId());
    assertTrue(new BigInteger(fresh.sequenceNumber()).compareTo(new BigInteger(first.sequenceNumber())) > 0);
    assertEquals(List.of("first", "fresh"), delivered());
  }

  @Test
  void contentBasedDeduplicationComparesTheBodyOnlyAndAnExplicitIdOverridesIt() {
    // Given a FIFO topic with content-based deduplication
    String topic = fifoTopic(Map.of("ContentBasedDeduplication", "true"));

    // When the same body is published with another group and a subject and attribute, and with explicit ids
    String first = publish(topic, "same", "g1", null).messageId();
    String sameBody = sns.call(Publish::new, new Publish.Request(topic, null, null, "same", "Subject", null,
        Map.of("kind", new MessageAttribute("String", "x", null)), null, "g2")).messageId();
    String ownId = publish(topic, "same", "g1", "explicit").messageId();
    String otherBody = publish(topic, "other", "g1", null).messageId();

    // Then only the body (hashed) made the second a duplicate, and an explicit id makes a new message
    assertEquals(first, sameBody);
    assertNotEquals(first, ownId);
    assertNotEquals(first, otherBody);
    assertEquals(List.of("same", "same", "other"), delivered());
  }

  @Test
  void deduplicationIsPerTopicUnlessTheThroughputScopeIsTheMessageGroup() {
    // Given a FIFO topic deduplicating per topic
    String perTopic = fifoTopic(Map.of());

    // Then the same id in another group is a duplicate
    assertEquals(publish(perTopic, "a", "g1", "d").messageId(), publish(perTopic, "b", "g2", "d").messageId());

    // Given one deduplicating per message group
    MemorySns other = new MemorySns();
    String perGroup = other.createTopic("groups.fifo", Map.of("FifoTopic", "true",
        "FifoThroughputScope", "MessageGroup"));
    other.subscribe(perGroup, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"));

    // Then the same id in another group is a new message, in the same group a duplicate
    Publish.Request g1 = request(perGroup, "a", "g1", "d");
    String first = other.call(Publish::new, g1).messageId();
    assertNotEquals(first, other.call(Publish::new, request(perGroup, "b", "g2", "d")).messageId());
    assertEquals(first, other.call(Publish::new, request(perGroup, "c", "g1", "d")).messageId());
    assertEquals(List.of("a", "b"), other.deliveries().delivered(QUEUE));
  }

  @Test
  void sequenceNumbersAre20DigitsIncreasingAcrossGroupsAndDuplicatesTakeNone() {
    // Given a FIFO topic
    String topic = fifoTopic(Map.of("ContentBasedDeduplication", "true"));

    // When messages are published in two groups, with a duplicate among them
    List<String> numbers = new ArrayList<>();
    numbers.add(publish(topic, "a", "g1", null).sequenceNumber());
    numbers.add(publish(topic, "b", "g2", null).sequenceNumber());
    String duplicate = publish(topic, "a", "g2", null).sequenceNumber();
    numbers.add(publish(topic, "c", "g1", null).sequenceNumber());

    // Then each has 20 digits and is the one before plus one; the duplicate answered the original's
    assertTrue(numbers.stream().allMatch(n -> n.matches("\\d{20}")), numbers.toString());
    assertEquals(numbers.get(0), duplicate);
    assertEquals(new BigInteger(numbers.get(0)).add(BigInteger.ONE), new BigInteger(numbers.get(1)));
    assertEquals(new BigInteger(numbers.get(1)).add(BigInteger.ONE), new BigInteger(numbers.get(2)));
  }

  @Test
  void eachDeliveryCarriesItsGroupIdsAndSequenceNumberInAnUnsignedEnvelope() {
    // Given a FIFO topic with an envelope subscription beside the raw one
    String topic = fifoTopic(Map.of());
    String envelopes = MemorySns.queueArn("envelopes.fifo");
    sns.subscribe(topic, "sqs", envelopes, null);

    // When a message is published
    Publish.Response published = publish(topic, "m", "group-7", "dedup-7");

    // Then the envelope has the sequence number and no signature, and the delivery the group and dedup ids
    Attempted attempt = sns.deliveries().attempts(envelopes).get(0);
    JsonNode envelope = attempt.json();
    assertEquals(published.sequenceNumber(), envelope.get("SequenceNumber").asText());
    assertEquals(published.messageId(), envelope.get("MessageId").asText());
    assertFalse(envelope.has("Signature"));
    assertFalse(envelope.has("SigningCertURL"));
    assertEquals(published.sequenceNumber(), attempt.attempt().sequenceNumber());
    assertEquals("group-7", attempt.attempt().message().groupId());
    assertEquals("dedup-7", attempt.attempt().message().deduplicationId());
  }

  @Test
  void aFailedFirstAttemptIsRetriedAtOnceBeforeTheNextMessageOfItsGroup() {
    // Given a FIFO topic whose queue fails the first attempt
    String topic = fifoTopic(Map.of("ContentBasedDeduplication", "true"));
    sns.deliveries().failNext(QUEUE, 1, RecordingDeliveries.serverError());

    // When three messages of one group are published and a second passes
    publish(topic, "one", "g", null);
    publish(topic, "two", "g", null);
    publish(topic, "three", "g", null);
    sns.clock().advanceSeconds(1);

    // Then the failed one was retried at once (AWS-managed retries begin with three immediate ones),
    // before the next message of the group was attempted
    assertEquals(List.of("one", "two", "three"), delivered());
    assertEquals(List.of("one", "one", "two", "three"), sns.deliveries().attempts(QUEUE).stream()
        .map(Attempted::body).toList());
  }
}

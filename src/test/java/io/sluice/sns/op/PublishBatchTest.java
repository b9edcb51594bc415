package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sns.Publisher;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.testing.MemorySns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PublishBatch on the in-memory store with a real dispatcher: the request-level rules to the limit
 * (10 entries, ids of up to 80 letters, digits, hyphens and underscores, 262,144 bytes in all,
 * attributes included) that fail the whole call and publish nothing, entries failing alone, and
 * FIFO entries deduplicated and numbered in entry order within one batch.
 */
class PublishBatchTest {
  private static final String QUEUE = MemorySns.queueArn("q");

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private static PublishBatch.Entry entry(String id, String message) {
    return new PublishBatch.Entry(id, message, null, null, null, null, null);
  }

  private static List<PublishBatch.Entry> entries(int count) {
    List<PublishBatch.Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(entry("e" + i, "message " + i));
    }
    return entries;
  }

  private PublishBatch.Response publish(String topicArn, List<PublishBatch.Entry> entries) {
    return sns.call(PublishBatch::new, new PublishBatch.Request(topicArn, entries));
  }

  private String error(List<PublishBatch.Entry> entries) {
    return sns.errorCode(PublishBatch::new, new PublishBatch.Request(topic, entries));
  }

  @Test
  void tenEntriesArePublishedElevenAreTooMany() {
    // Given a raw queue subscription
    sns.subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"));

    // Then eleven entries are TooManyEntriesInBatchRequest, none EmptyBatchRequest, and nothing is delivered
    assertEquals("TooManyEntriesInBatchRequest", error(entries(11)));
    assertEquals("EmptyBatchRequest", error(List.of()));
    assertEquals("EmptyBatchRequest", error(null));
    assertEquals(List.of(), sns.deliveries().attempts());

    // And ten are published, each delivered once, in entry order, answered in entry order
    PublishBatch.Response response = publish(topic, entries(10));
    assertEquals(10, response.successful().size());
    assertEquals(entries(10).stream().map(PublishBatch.Entry::id).toList(),
        response.successful().stream().map(PublishBatch.ResultEntry::id).toList());
    assertEquals(entries(10).stream().map(PublishBatch.Entry::message).toList(),
        sns.deliveries().delivered(QUEUE));
    assertEquals(response.successful().stream().map(PublishBatch.ResultEntry::messageId).toList(),
        sns.deliveries().attempts(QUEUE).stream().map(a -> a.messageId()).toList());
  }

  @Test
  void entryIdsAreUpTo80LettersDigitsHyphensAndUnderscoresAndDistinct() {
    publish(topic, List.of(entry("i".repeat(80), "a"), entry("A-z_0-9", "b")));
    assertEquals("InvalidBatchEntryId", error(List.of(entry("i".repeat(81), "a"))));
    assertEquals("InvalidBatchEntryId", error(List.of(entry("a.b", "a"))));
    assertEquals("InvalidBatchEntryId", error(List.of(entry("", "a"))));
    assertEquals("InvalidBatchEntryId", error(List.of(entry(null, "a"))));
    assertEquals("BatchEntryIdsNotDistinct", error(List.of(entry("same", "a"), entry("other", "b"),
        entry("same", "c"))));
  }

  @Test
  void theBatchMayHold262144BytesInAllAttributesIncluded() {
    // Given a queue subscription and two entries that together are exactly at the limit, one of
    // them with an attribute ("kind" + "String" + "retail" = 16 bytes)
    sns.subscribe(topic, "sqs", QUEUE, null);
    int half = Publisher.MAX_MESSAGE_BYTES / 2;
    Map<String, MessageAttribute> attribute = Map.of("kind", new MessageAttribute("String", "retail", null));
    PublishBatch.Entry withAttribute = new PublishBatch.Entry("one", "a".repeat(half - 16), null, null, attribute,
        null, null);

    // When one byte more is published, Then BatchRequestTooLong and nothing is delivered
    assertEquals("BatchRequestTooLong", error(List.of(withAttribute, entry("two", "b".repeat(half + 1)))));
    assertEquals(List.of(), sns.deliveries().attempts());

    // When the batch is at the limit, Then both are published
    assertEquals(2, publish(topic, List.of(withAttribute, entry("two", "b".repeat(half)))).successful().size());
    assertEquals(2, sns.deliveries().attempts(QUEUE).size());
  }

  @Test
  void invalidEntriesFailAloneWithTheirCodeWhileTheOthersArePublished() {
    // Given a raw queue subscription
    sns.subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"));

    // When a batch holds good entries around an empty message, a bad subject, a bad structure and a bad attribute
    PublishBatch.Response response = publish(topic, List.of(
        entry("first", "one"),
        entry("empty", ""),
        new PublishBatch.Entry("subject", "m", "s".repeat(100), null, null, null, null),
        new PublishBatch.Entry("structure", "{\"sqs\":\"x\"}", null, "json", null, null, null),
        new PublishBatch.Entry("attribute", "m", null, null, Map.of("n", new MessageAttribute("Number", "x", null)),
            null, null),
        new PublishBatch.Entry("dedup", "m", null, null, null, "d", null),
        entry("last", "two")));

    // Then the good ones are published and delivered in order, the others listed as sender faults
    assertEquals(List.of("first", "last"), response.successful().stream().map(PublishBatch.ResultEntry::id).toList());
    assertEquals(List.of("one", "two"), sns.deliveries().delivered(QUEUE));
    assertEquals(List.of("empty", "subject", "structure", "attribute", "dedup"),
        response.failed().stream().map(PublishBatch.ErrorEntry::id).toList());
    assertEquals(List.of("InvalidParameter", "InvalidParameter", "InvalidParameter", "ParameterValueInvalid",
        "InvalidParameter"), response.failed().stream().map(PublishBatch.ErrorEntry::code).toList());
    assertTrue(response.failed().stream().allMatch(PublishBatch.ErrorEntry::senderFault));
  }

  @Test
  void aBatchWhoseEntriesAllFailPublishesNothing() {
    sns.subscribe(topic, "sqs", QUEUE, null);
    PublishBatch.Response response = publish(topic, List.of(entry("a", ""), entry("b", "")));
    assertEquals(List.of(), response.successful());
    assertEquals(2, response.failed().size());
    assertEquals(List.of(), sns.deliveries().attempts());
  }

  @Test
  void aBatchToAMissingTopicIsNotFoundButItsOwnRulesComeFirst() {
    String missing = MemorySns.topicArn("missing");
    assertEquals("NotFound", sns.errorCode(PublishBatch::new, new PublishBatch.Request(missing, entries(1))));
    assertEquals("TooManyEntriesInBatchRequest",
        sns.errorCode(PublishBatch::new, new PublishBatch.Request(missing, entries(11))));
  }

  @Test
  void fifoEntriesAreNumberedInEntryOrderAndARepeatedIdInTheBatchIsADuplicate() {
    // Given a FIFO topic with a raw FIFO queue subscription
    String fifo = sns.createTopic("orders.fifo", Map.of("FifoTopic", "true"));
    String queue = MemorySns.queueArn("q.fifo");
    sns.subscribe(fifo, "sqs", queue, Map.of("RawMessageDelivery", "true"));

    // When a batch holds two messages, one failing (no group), and a repeat of the first's id
    PublishBatch.Response response = publish(fifo, Arrays.asList(
        new PublishBatch.Entry("a", "first", null, null, null, "d1", "g"),
        new PublishBatch.Entry("loose", "no group", null, null, null, "d9", null),
        new PublishBatch.Entry("b", "second", null, null, null, "d2", "g"),
        new PublishBatch.Entry("c", "repeat", null, null, null, "d1", "g")));

    // Then the repeat answers the first's message id and sequence number, the numbers follow entry
    // order without a gap for the failed entry, and the queue got two messages in order
    List<PublishBatch.ResultEntry> ok = response.successful();
    assertEquals(List.of("a", "b", "c"), ok.stream().map(PublishBatch.ResultEntry::id).toList());
    assertEquals(List.of("loose"), response.failed().stream().map(PublishBatch.ErrorEntry::id).toList());
    assertEquals(ok.get(0).messageId(), ok.get(2).messageId());
    assertEquals(ok.get(0).sequenceNumber(), ok.get(2).sequenceNumber());
    assertNotNull(ok.get(1).sequenceNumber());
    assertEquals(Long.parseLong(ok.get(0).sequenceNumber()) + 1, Long.parseLong(ok.get(1).sequenceNumber()));
    assertEquals(List.of("first", "second"), sns.deliveries().delivered(queue));
  }
}

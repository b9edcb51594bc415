package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.json;
import static io.sluice.it.sns.SnsTesting.stringAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * PublishBatch (see its API reference): up to ten messages in a call, each entry answered on its
 * own, and the request-level errors for empty, oversized, repeated or malformed batches.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PublishBatchTest extends SharedSnsNodeTest {

  private static PublishBatchRequestEntry entry(String id, String message) {
    return PublishBatchRequestEntry.builder().id(id).message(message).build();
  }

  private static List<PublishBatchRequestEntry> entries(int count) {
    List<PublishBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(entry("e" + i, "message " + i));
    }
    return entries;
  }

  private PublishBatchResponse publish(String topic, List<PublishBatchRequestEntry> entries) {
    return sns().publishBatch(PublishBatchRequest.builder().topicArn(topic).publishBatchRequestEntries(entries).build());
  }

  @Test
  void everyEntryOfABatchIsDelivered() {
    // Given a topic with a queue subscription
    String topic = topic("batch");
    String url = subscribedQueue(topic, false);

    // When ten entries are published in one batch, one with a subject and an attribute
    List<PublishBatchRequestEntry> entries = entries(9);
    entries.add(PublishBatchRequestEntry.builder().id("last").message("with extras").subject("Extras")
        .messageAttributes(Map.of("kind", stringAttribute("extra"))).build());
    PublishBatchResponse response = publish(topic, entries);
    List<Message> got = receive(url, 10);

    // Then all ten succeed with their ids and message ids, and the queue gets each once
    assertTrue(response.failed().isEmpty(), response.failed().toString());
    assertEquals(entries.stream().map(PublishBatchRequestEntry::id).collect(Collectors.toSet()),
        response.successful().stream().map(PublishBatchResultEntry::id).collect(Collectors.toSet()));
    Set<String> ids = response.successful().stream().map(PublishBatchResultEntry::messageId).collect(Collectors.toSet());
    assertEquals(10, got.size());
    assertEquals(ids, got.stream().map(m -> json(m.body()).get("MessageId").asText()).collect(Collectors.toSet()));
    var extras = got.stream().map(m -> json(m.body())).filter(e -> e.get("Message").asText().equals("with extras"))
        .findFirst().orElseThrow();
    assertEquals("Extras", extras.get("Subject").asText());
    assertEquals("extra", extras.path("MessageAttributes").path("kind").path("Value").asText());
  }

  @Test
  void anInvalidEntryFailsAloneWhileTheOthersArePublished() {
    // Given a topic with a raw queue subscription
    String topic = topic("partial");
    String url = subscribedQueue(topic, true);

    // When a batch holds a good entry, an empty message and an entry with a bad attribute
    PublishBatchResponse response = publish(topic, List.of(entry("good", "fine"), entry("empty", ""),
        PublishBatchRequestEntry.builder().id("attr").message("m")
            .messageAttributes(Map.of("n", SnsTesting.attribute("Number", "NaN!"))).build()));

    // Then the good one succeeds and is delivered; the others are listed as sender faults with AWS's codes
    assertEquals(List.of("good"), response.successful().stream().map(PublishBatchResultEntry::id).toList());
    Map<String, BatchResultErrorEntry> failed = response.failed().stream()
        .collect(Collectors.toMap(BatchResultErrorEntry::id, f -> f));
    assertEquals(Set.of("empty", "attr"), failed.keySet());
    assertEquals("InvalidParameter", failed.get("empty").code());
    assertEquals("ParameterValueInvalid", failed.get("attr").code());
    assertTrue(failed.get("empty").senderFault());
    assertEquals("fine", receiveOne(url).body());
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void anEmptyBatchIsRejected() {
    // When a batch without entries is published
    // Then EmptyBatchRequest
    String topic = topic("empty-batch");
    assertSnsError("EmptyBatchRequest", () -> publish(topic, List.of()));
  }

  @Test
  void moreThanTenEntriesAreRejected() {
    // When a batch of eleven is published
    // Then TooManyEntriesInBatchRequest
    String topic = topic("eleven");
    assertSnsError("TooManyEntriesInBatchRequest", () -> publish(topic, entries(11)));
  }

  @Test
  void repeatedEntryIdsAreRejected() {
    // When two entries share an id
    // Then BatchEntryIdsNotDistinct
    String topic = topic("same-id");
    assertSnsError("BatchEntryIdsNotDistinct", () -> publish(topic, List.of(entry("same", "a"), entry("same", "b"))));
  }

  @Test
  void malformedEntryIdsAreRejected() {
    // When an id holds characters other than letters, digits, - and _, or is longer than 80
    // Then InvalidBatchEntryId
    String topic = topic("bad-id");
    assertSnsError("InvalidBatchEntryId", () -> publish(topic, List.of(entry("not ok!", "a"))));
    assertSnsError("InvalidBatchEntryId", () -> publish(topic, List.of(entry("i".repeat(81), "a"))));
  }

  @Test
  void aBatchOverTheSizeLimitIsRejected() {
    // Given two entries of 150,000 bytes each (each fine alone, together over 256 KiB)
    String topic = topic("too-long");
    String big = "b".repeat(150_000);

    // When they are published in one batch
    // Then BatchRequestTooLong, and nothing is published
    String url = subscribedQueue(topic, true);
    assertSnsError("BatchRequestTooLong", () -> publish(topic, List.of(entry("one", big), entry("two", big))));
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void attributesCountTowardsTheBatchSize() {
    // Given two entries whose messages together fit 256 KiB but not with their attributes
    String topic = topic("too-long-attrs");
    String half = "h".repeat(131_000);
    var attributes = Map.of("padding", stringAttribute("p".repeat(200)));

    // When they are published in one batch
    // Then BatchRequestTooLong
    assertSnsError("BatchRequestTooLong", () -> publish(topic, List.of(
        PublishBatchRequestEntry.builder().id("one").message(half).messageAttributes(attributes).build(),
        PublishBatchRequestEntry.builder().id("two").message(half).messageAttributes(attributes).build())));
  }

  @Test
  void aBatchToAMissingTopicIsNotFound() {
    // When a batch is published to an ARN of no topic
    // Then NotFound
    String missing = topic("batch-missing") + "-missing";
    assertSnsError("NotFound", () -> publish(missing, entries(1)));
  }
}

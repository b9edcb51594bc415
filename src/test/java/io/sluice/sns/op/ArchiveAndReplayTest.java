package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.sns.model.MessageAttribute;
import io.sluice.testing.MemorySns;
import io.sluice.testing.RecordingDeliveries.Attempted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Message archiving of FIFO topics (ArchivePolicy) and replay to a subscription (ReplayPolicy) on
 * the in-memory store, the clock moved by hand ("Amazon SNS message archiving and replay for FIFO
 * topics"): which messages are archived and for exactly how long, which fall in a replay's window
 * (both ends included), in what order and with which sequence numbers they are replayed, and when a
 * replay starts.
 */
class ArchiveAndReplayTest {
  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;
  private static final String ONE_DAY = "{\"MessageRetentionPeriod\":\"1\"}";
  private static final String QUEUE = MemorySns.queueArn("replayed.fifo");

  private final MemorySns sns = new MemorySns();
  private final long start = sns.clock().millis();
  private final String topic = sns.createTopic("archive.fifo", Map.of("FifoTopic", "true",
      "ContentBasedDeduplication", "true", "ArchivePolicy", ONE_DAY));

  private static String replayPolicy(long from, Long to) {
    return "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + Instant.ofEpochMilli(from) + "\""
        + (to == null ? "" : ",\"EndingPoint\":\"" + Instant.ofEpochMilli(to) + "\"") + "}";
  }

  /** Publishes a message in group "g" and answers its sequence number. */
  private String publish(String body) {
    return sns.call(Publish::new, new Publish.Request(topic, null, null, body, null, null, null, null, "g"))
        .sequenceNumber();
  }

  /** Subscribes the FIFO queue with raw delivery and a ReplayPolicy. */
  private String subscribeReplaying(String endpoint, long from, Long to) {
    return sns.subscribe(topic, "sqs", endpoint, Map.of("RawMessageDelivery", "true",
        "ReplayPolicy", replayPolicy(from, to)));
  }

  @Test
  void aReplayDeliversTheMessagesBetweenItsPointsBothIncludedInPublishOrderWithTheirSequenceNumbers() {
    // Given four messages published an hour apart
    List<String> numbers = new ArrayList<>();
    for (String body : List.of("one", "two", "three", "four")) {
      numbers.add(publish(body));
      sns.clock().advanceMillis(HOUR);
    }

    // When a queue subscribes replaying from the second publish to the third, to the millisecond
    subscribeReplaying(QUEUE, start + HOUR, start + 2 * HOUR);

    // Then it gets those two, in order, each with the sequence number it was published with
    List<Attempted> replayed = sns.deliveries().attempts(QUEUE);
    assertEquals(List.of("two", "three"), replayed.stream().map(Attempted::body).toList());
    assertEquals(numbers.subList(1, 3), replayed.stream().map(a -> a.attempt().sequenceNumber()).toList());

    // And a window that ends 1 ms before the third, or starts 1 ms after the second, holds one of them
    String narrower = MemorySns.queueArn("narrower.fifo");
    subscribeReplaying(narrower, start + HOUR + 1, start + 2 * HOUR);
    String earlier = MemorySns.queueArn("earlier.fifo");
    subscribeReplaying(earlier, start + HOUR, start + 2 * HOUR - 1);
    assertEquals(List.of("three"), sns.deliveries().delivered(narrower));
    assertEquals(List.of("two"), sns.deliveries().delivered(earlier));
  }

  @Test
  void aReplayDeliversOnlyTheMessagesTheSubscriptionsFilterPolicyLetsThrough() {
    // Given messages of two kinds, archived
    for (String body : List.of("red 1", "blue 2", "red 3")) {
      sns.call(Publish::new, new Publish.Request(topic, null, null, body, null, null,
          Map.of("kind", new MessageAttribute("String", body.split(" ")[0], null)), null, "g"));
      sns.clock().advanceMillis(1);
    }

    // When a queue subscribes replaying all of them, with a filter policy for red ones
    sns.subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true",
        "FilterPolicy", "{\"kind\":[\"red\"]}", "ReplayPolicy", replayPolicy(start, null)));

    // Then only the red ones are replayed
    assertEquals(List.of("red 1", "red 3"), sns.deliveries().delivered(QUEUE));
  }

  @Test
  void aMessageIsArchivedForExactlyItsRetentionPeriod() {
    // Given a topic keeping its archive one day, and two messages published an hour apart
    publish("first");
    sns.clock().advanceMillis(HOUR);
    publish("second");

    // When a queue subscribes 1 ms before the first message's day is over, and another right then
    sns.clock().advanceMillis(DAY - HOUR - 1);
    subscribeReplaying(QUEUE, start, null);
    sns.clock().advanceMillis(1);
    String later = MemorySns.queueArn("later.fifo");
    subscribeReplaying(later, start, null);

    // Then the first still got both, the second only the message whose day is not over
    assertEquals(List.of("first", "second"), sns.deliveries().delivered(QUEUE));
    assertEquals(List.of("second"), sns.deliveries().delivered(later));
  }

  @Test
  void onlyMessagesPublishedUnderAnArchivePolicyAreArchived() {
    // Given a FIFO topic without an archive policy that received a message before it got one
    String plain = sns.createTopic("plain.fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
    sns.call(Publish::new, new Publish.Request(plain, null, null, "before", null, null, null, null, "g"));
    sns.call(SetTopicAttributes::new, new SetTopicAttributes.Request(plain, "ArchivePolicy", ONE_DAY));
    sns.call(Publish::new, new Publish.Request(plain, null, null, "after", null, null, null, null, "g"));

    // When a queue subscribes replaying from before both
    sns.subscribe(plain, "sqs", QUEUE, Map.of("RawMessageDelivery", "true", "ReplayPolicy", replayPolicy(start, null)));

    // Then only the second is replayed
    assertEquals(List.of("after"), sns.deliveries().delivered(QUEUE));
  }

  @Test
  void withoutAnEndingPointTheReplayStopsAtTheSubscriptionAndLaterMessagesArriveOnce() {
    // Given a message published before a queue subscribes replaying from the beginning
    publish("archived");
    sns.clock().advanceSeconds(1);
    subscribeReplaying(QUEUE, start, null);

    // When another message is published
    sns.clock().advanceSeconds(1);
    publish("new");
    sns.clock().advanceSeconds(60);

    // Then the queue got each exactly once, in order
    assertEquals(List.of("archived", "new"), sns.deliveries().delivered(QUEUE));
    assertEquals(2, sns.deliveries().attempts(QUEUE).size());
  }

  @Test
  void aPendingSubscriptionReplaysOnlyOnceConfirmed() {
    // Given an archived message and a queue of another account subscribing with a ReplayPolicy
    publish("archived");
    String foreign = "arn:aws:sqs:us-east-1:111111111111:replayed.fifo";
    assertEquals("pending confirmation", subscribeReplaying(foreign, start, null));
    sns.clock().advanceSeconds(60);
    assertEquals(List.of(), sns.deliveries().attempts(foreign));

    // When the subscription is confirmed
    sns.confirm(topic, foreign);

    // Then the archive is replayed to it
    assertEquals(List.of("archived"), sns.deliveries().delivered(foreign));
  }

  @Test
  void settingAReplayPolicyReplaysToAConfirmedSubscriptionAgain() {
    // Given a subscription that received two messages as they were published
    String arn = sns.subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"));
    publish("one");
    sns.clock().advanceMillis(HOUR);
    publish("two");

    // When its ReplayPolicy is set to the second message's time
    sns.call(SetSubscriptionAttributes::new, new SetSubscriptionAttributes.Request(arn, "ReplayPolicy",
        replayPolicy(start + HOUR, null)));

    // Then that message is delivered again
    assertEquals(List.of("one", "two", "two"), sns.deliveries().delivered(QUEUE));
  }

  @Test
  void policiesAreValidated() {
    // Retention of 1 to 365 days
    assertEquals("InvalidParameter", sns.errorCode(SetTopicAttributes::new,
        new SetTopicAttributes.Request(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"0\"}")));
    assertEquals("InvalidParameter", sns.errorCode(SetTopicAttributes::new,
        new SetTopicAttributes.Request(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"366\"}")));
    sns.call(SetTopicAttributes::new,
        new SetTopicAttributes.Request(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"365\"}"));
    // A ReplayPolicy of Timestamps, the end not before the start
    assertEquals("InvalidParameter", sns.errorCode(Subscribe::new, new Subscribe.Request(topic, "sqs", QUEUE,
        Map.of("ReplayPolicy", replayPolicy(start, start - 1)), null)));
    assertEquals("InvalidParameter", sns.errorCode(Subscribe::new, new Subscribe.Request(topic, "sqs", QUEUE,
        Map.of("ReplayPolicy", "{\"PointType\":\"SequenceNumber\",\"StartingPoint\":\"1\"}"), null)));
    assertEquals("InvalidParameter", sns.errorCode(Subscribe::new, new Subscribe.Request(topic, "sqs", QUEUE,
        Map.of("ReplayPolicy", "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"yesterday\"}"), null)));
    subscribeReplaying(QUEUE, start, start);
  }
}

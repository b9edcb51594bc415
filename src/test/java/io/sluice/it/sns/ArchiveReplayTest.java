package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Message archiving of FIFO topics (ArchivePolicy) and replay to a subscription (ReplayPolicy),
 * through the AWS SDK v2, on each engine: archived messages are replayed in order to a queue that
 * subscribes later, from the starting point it names, and to an existing subscription when its
 * ReplayPolicy is set.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ArchiveReplayTest extends SharedSnsNodeTest {
  private static final Map<String, String> ARCHIVED = Map.of("ContentBasedDeduplication", "true",
      "ArchivePolicy", "{\"MessageRetentionPeriod\":\"30\"}");

  private static String replayFrom(Instant start) {
    return "{\"PointType\":\"Timestamp\",\"StartingPoint\":\"" + start + "\"}";
  }

  private void publish(String topicArn, String... bodies) {
    for (String body : bodies) {
      sns().publish(b -> b.topicArn(topicArn).message(body).messageGroupId("g"));
    }
  }

  private static List<String> bodies(List<Message> messages) {
    return messages.stream().map(Message::body).toList();
  }

  @Test
  void aQueueSubscribingWithAReplayPolicyReceivesTheArchivedMessagesInOrder() {
    // Given an archiving FIFO topic that received three messages before anyone subscribed
    String topicArn = fifoTopic("archive", ARCHIVED);
    Instant before = Instant.now().minusSeconds(60);
    publish(topicArn, "one", "two", "three");
    assertTrue(sns().getTopicAttributes(b -> b.topicArn(topicArn)).attributes().containsKey("BeginningArchiveTime"));

    // When a FIFO queue subscribes, with raw delivery, replaying from before the publishes
    String url = fifoQueue("replayed");
    subscribe(topicArn, url, Map.of("RawMessageDelivery", "true", "ReplayPolicy", replayFrom(before)));

    // Then it receives the three messages, in publish order
    assertEquals(List.of("one", "two", "three"), bodies(receive(url, 3)));
  }

  @Test
  void settingAReplayPolicyReplaysToAnExistingSubscriptionFromItsStartingPoint() throws Exception {
    // Given an archiving FIFO topic with messages published before and after a point in time
    String topicArn = fifoTopic("archive", ARCHIVED);
    publish(topicArn, "old");
    Thread.sleep(20);
    Instant start = Instant.now();
    Thread.sleep(20);
    publish(topicArn, "new-1", "new-2");
    String url = fifoQueue("late");
    String subscription = subscribe(topicArn, url, Map.of("RawMessageDelivery", "true"));

    // When the subscription is given a ReplayPolicy starting at that point
    sns().setSubscriptionAttributes(b -> b.subscriptionArn(subscription).attributeName("ReplayPolicy")
        .attributeValue(replayFrom(start)));

    // Then only the messages published from then on are replayed
    assertEquals(List.of("new-1", "new-2"), bodies(receive(url, 2)));
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void aReplayPolicyOnAStandardTopicIsRejected() {
    // Given a standard topic and a queue / When subscribing with a ReplayPolicy / Then InvalidParameter
    String topicArn = topic("standard");
    String url = queue("no-replay");
    assertSnsError("InvalidParameter", () -> subscribe(topicArn, url,
        Map.of("ReplayPolicy", replayFrom(Instant.now()))));
  }

  @Test
  void anArchivePolicyOnAStandardTopicIsRejected() {
    assertSnsError("InvalidParameter", () -> topic("standard",
        Map.of("ArchivePolicy", "{\"MessageRetentionPeriod\":\"30\"}")));
  }
}

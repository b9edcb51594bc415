package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Await;
import io.sluice.testing.MemorySns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DeleteTopic on the in-memory store. */
class DeleteTopicTest {
  private final MemorySns sns = new MemorySns();

  @Test
  void aDeletedTopicIsGoneWithItsSubscriptions() {
    // Given a topic with a subscription, read once (so it is cached)
    String arn = sns.createTopic("orders", Map.of());
    String subscription = sns.subscribe(arn, "sqs", MemorySns.queueArn("q"), null);
    sns.call(GetTopicAttributes::new, new GetTopicAttributes.Request(arn));

    // When it is deleted
    sns.call(DeleteTopic::new, new DeleteTopic.Request(arn));

    // Then neither it nor its subscription is found or listed
    assertEquals("NotFound", sns.errorCode(GetTopicAttributes::new, new GetTopicAttributes.Request(arn)));
    assertEquals("NotFound", sns.errorCode(GetSubscriptionAttributes::new,
        new GetSubscriptionAttributes.Request(subscription)));
    assertEquals(List.of(), sns.call(ListTopics::new, new ListTopics.Request(null)).topics());
    assertEquals(List.of(), Await.await(sns.memory().subscriptions(arn)));
  }

  @Test
  void deletingATopicThatDoesNotExistSucceeds() {
    sns.call(DeleteTopic::new, new DeleteTopic.Request(MemorySns.topicArn("never")));
  }

  @Test
  void aTopicOfTheSameNameCanBeCreatedAgainAtOnce() {
    // Given a deleted topic with a display name
    String arn = sns.createTopic("orders", Map.of("DisplayName", "Old"));
    sns.call(DeleteTopic::new, new DeleteTopic.Request(arn));

    // When it is created again with another, Then it is a fresh topic
    assertEquals(arn, sns.createTopic("orders", Map.of("DisplayName", "New")));
    assertEquals("New", sns.call(GetTopicAttributes::new, new GetTopicAttributes.Request(arn)).attributes()
        .get("DisplayName"));
  }

  @Test
  void aMalformedArnIsInvalidParameter() {
    assertEquals("InvalidParameter", sns.errorCode(DeleteTopic::new, new DeleteTopic.Request("orders")));
  }
}

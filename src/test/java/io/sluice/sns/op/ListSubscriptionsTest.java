package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ListTopics, ListSubscriptions and ListSubscriptionsByTopic on the in-memory store: contents and paging. */
class ListSubscriptionsTest {
  private final MemorySns sns = new MemorySns();

  @Test
  void topicsArePagedAHundredAtATimeEachListedOnce() {
    // Given 150 topics
    for (int i = 0; i < 150; i++) {
      sns.createTopic(String.format("t%03d", i), Map.of());
    }

    // When they are listed page by page
    ListTopics.Response first = sns.call(ListTopics::new, new ListTopics.Request(null));
    ListTopics.Response second = sns.call(ListTopics::new, new ListTopics.Request(first.nextToken()));

    // Then the first page holds 100 with a token, the second the other 50 without one
    assertEquals(100, first.topics().size());
    assertNotNull(first.nextToken());
    assertEquals(50, second.topics().size());
    assertNull(second.nextToken());
    List<String> all = new ArrayList<>();
    first.topics().forEach(t -> all.add(t.topicArn()));
    second.topics().forEach(t -> all.add(t.topicArn()));
    assertEquals(150, all.stream().distinct().count());
    assertEquals(MemorySns.topicArn("t000"), all.get(0));
    assertEquals(MemorySns.topicArn("t149"), all.get(149));
  }

  @Test
  void aTokenThatIsNoTokenIsInvalidParameter() {
    assertEquals("InvalidParameter", sns.errorCode(ListTopics::new, new ListTopics.Request("%%%")));
    assertEquals("InvalidParameter", sns.errorCode(ListSubscriptions::new, new ListSubscriptions.Request("%%%")));
  }

  @Test
  void subscriptionsOfEveryTopicArePagedAHundredAtATime() {
    // Given 120 subscriptions over two topics
    String a = sns.createTopic("a", Map.of());
    String b = sns.createTopic("b", Map.of());
    for (int i = 0; i < 60; i++) {
      sns.subscribe(a, "sqs", MemorySns.queueArn("q" + i), null);
      sns.subscribe(b, "sqs", MemorySns.queueArn("q" + i), null);
    }

    // When they are listed page by page, Then 100 and 20 come, each once
    ListSubscriptions.Response first = sns.call(ListSubscriptions::new, new ListSubscriptions.Request(null));
    ListSubscriptions.Response second = sns.call(ListSubscriptions::new,
        new ListSubscriptions.Request(first.nextToken()));
    assertEquals(100, first.subscriptions().size());
    assertEquals(20, second.subscriptions().size());
    assertNull(second.nextToken());
    List<String> arns = new ArrayList<>();
    first.subscriptions().forEach(s -> arns.add(s.subscriptionArn()));
    second.subscriptions().forEach(s -> arns.add(s.subscriptionArn()));
    assertEquals(120, arns.stream().distinct().count());
  }

  @Test
  void aTopicListsOnlyItsOwnSubscriptionsPendingOnesWithoutTheirArn() {
    // Given a topic with a confirmed and a pending subscription, and another topic with one
    String topic = sns.createTopic("orders", Map.of());
    String confirmed = sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), null);
    sns.subscribe(topic, "https", "https://example.com/hook", null);
    sns.subscribe(sns.createTopic("other", Map.of()), "sqs", MemorySns.queueArn("q"), null);

    // Then ListSubscriptionsByTopic answers the two, the pending one as PendingConfirmation
    List<ListSubscriptions.Subscription> subscriptions = sns.call(ListSubscriptionsByTopic::new,
        new ListSubscriptionsByTopic.Request(topic, null)).subscriptions();
    assertEquals(2, subscriptions.size());
    assertEquals(List.of(confirmed, "PendingConfirmation").stream().sorted().toList(),
        subscriptions.stream().map(ListSubscriptions.Subscription::subscriptionArn).sorted().toList());
    subscriptions.forEach(s -> assertEquals(topic, s.topicArn()));
    subscriptions.forEach(s -> assertEquals(MemorySns.ACCOUNT, s.owner()));
  }

  @Test
  void listingTheSubscriptionsOfAMissingTopicIsNotFound() {
    assertEquals("NotFound", sns.errorCode(ListSubscriptionsByTopic::new,
        new ListSubscriptionsByTopic.Request(MemorySns.topicArn("nope"), null)));
  }
}

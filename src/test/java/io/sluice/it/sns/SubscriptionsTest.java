package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsResponse;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Subscribe, Unsubscribe, the subscription listings and Get/SetSubscriptionAttributes (see their API
 * references): queues of the topic's account are confirmed at once, subscribing again is
 * idempotent, protocols and endpoints are checked, listings page by 100.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SubscriptionsTest extends SharedSnsNodeTest {

  private Map<String, String> attributes(String subscriptionArn) {
    return sns().getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes();
  }

  private void set(String subscriptionArn, String name, String value) {
    sns().setSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn).attributeName(name).attributeValue(value));
  }

  @Test
  void aQueueOfTheSameAccountIsConfirmedAtOnce() {
    // Given a topic and a queue
    String topic = topic("confirmed");
    String queueArn = queueArn(queue("confirmed-q"));

    // When the queue subscribes
    String arn = sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)).subscriptionArn();

    // Then the answer is the subscription's ARN, under the topic's, and it is confirmed
    assertTrue(arn.startsWith(topic + ":"), arn);
    Map<String, String> a = attributes(arn);
    assertEquals(arn, a.get("SubscriptionArn"));
    assertEquals(topic, a.get("TopicArn"));
    assertEquals("sqs", a.get("Protocol"));
    assertEquals(queueArn, a.get("Endpoint"));
    assertEquals("000000000000", a.get("Owner"));
    assertEquals("false", a.get("PendingConfirmation"));
    assertEquals("true", a.get("ConfirmationWasAuthenticated"));
    assertEquals("false", a.get("RawMessageDelivery"));
  }

  @Test
  void subscribingTheSameEndpointAgainAnswersTheSameSubscription() {
    // Given a queue subscribed with raw delivery
    String topic = topic("again");
    String url = queue("again-q");
    String first = subscribe(topic, url, Map.of("RawMessageDelivery", "true"));

    // When it subscribes again with the same attributes, and with none
    String same = subscribe(topic, url, Map.of("RawMessageDelivery", "true"));
    String bare = subscribe(topic, url);

    // Then both answer the first subscription, and the topic has one
    assertEquals(first, same);
    assertEquals(first, bare);
    assertEquals(1, sns().listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());
  }

  @Test
  void subscribingTheSameEndpointWithOtherAttributesFails() {
    // Given a queue subscribed with raw delivery
    String topic = topic("other-attrs");
    String url = queue("other-attrs-q");
    subscribe(topic, url, Map.of("RawMessageDelivery", "true"));

    // When it subscribes again without raw delivery
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> subscribe(topic, url, Map.of("RawMessageDelivery", "false")));
  }

  @Test
  void unknownProtocolsAndMismatchedEndpointsAreRejected() {
    // Given a topic
    String topic = topic("endpoints");

    // When subscribing with protocols SNS does not have, or endpoints that do not fit the protocol
    // Then InvalidParameter
    String[][] cases = {
        {"smtp", "someone@example.com"},
        {"SQS", "arn:aws:sqs:us-east-1:000000000000:q"},
        {"sqs", "not-an-arn"},
        {"sqs", "arn:aws:sns:us-east-1:000000000000:a-topic"},
        {"http", "https://example.com/hook"},
        {"https", "http://example.com/hook"},
        {"http", "ftp://example.com/hook"},
        {"email", "nobody"},
        {"lambda", "arn:aws:sqs:us-east-1:000000000000:q"},
        {"sms", "call me"},
    };
    for (String[] c : cases) {
      assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic).protocol(c[0]).endpoint(c[1])));
    }
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic).protocol("sqs")));
  }

  @Test
  void aFifoQueueCannotSubscribeToAStandardTopic() {
    // Given a standard topic and a FIFO queue
    String topic = topic("std");
    String fifoQueueArn = queueArn(fifoQueue("std-q"));

    // When the FIFO queue subscribes
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic).protocol("sqs")
        .endpoint(fifoQueueArn)));
  }

  @Test
  void subscribingToAMissingTopicIsNotFound() {
    // Given an ARN of no topic
    String missing = topic("sub-missing") + "-missing";
    String queueArn = queueArn(queue("sub-missing-q"));

    // When a queue subscribes to it
    // Then NotFound
    assertSnsError("NotFound", () -> sns().subscribe(b -> b.topicArn(missing).protocol("sqs").endpoint(queueArn)));
  }

  @Test
  void aPendingSubscriptionIsListedAsPendingConfirmation() {
    // Given a topic with an HTTP subscription that nobody confirms
    String topic = topic("pending");
    String answer = sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://127.0.0.1:9/hook"))
        .subscriptionArn();

    // When the topic's subscriptions are listed
    Subscription listed = sns().listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0);

    // Then the answer and the listing show it as pending
    assertEquals("pending confirmation", answer);
    assertEquals("PendingConfirmation", listed.subscriptionArn());
    assertEquals("http://127.0.0.1:9/hook", listed.endpoint());
    // And ReturnSubscriptionArn gives the real ARN at once
    String real = sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://127.0.0.1:9/other")
        .returnSubscriptionArn(true)).subscriptionArn();
    assertTrue(real.startsWith(topic + ":"), real);
    assertEquals("true", attributes(real).get("PendingConfirmation"));
  }

  @Test
  void listSubscriptionsByTopicPagesByHundred() {
    // Given a topic with 120 queue subscriptions
    String topic = topic("paged");
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 120; i++) {
      String endpoint = "arn:aws:sqs:us-east-1:000000000000:paged-" + i;
      created.add(sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(endpoint)).subscriptionArn());
    }

    // When they are listed page by page
    ListSubscriptionsByTopicResponse first = sns().listSubscriptionsByTopic(b -> b.topicArn(topic));
    ListSubscriptionsByTopicResponse second = sns().listSubscriptionsByTopic(b -> b.topicArn(topic)
        .nextToken(first.nextToken()));

    // Then 100 come with a NextToken, then 20 without, every one once
    assertEquals(100, first.subscriptions().size());
    assertTrue(first.nextToken() != null);
    assertEquals(20, second.subscriptions().size());
    assertNull(second.nextToken());
    Set<String> listed = new HashSet<>();
    first.subscriptions().forEach(s -> listed.add(s.subscriptionArn()));
    second.subscriptions().forEach(s -> listed.add(s.subscriptionArn()));
    assertEquals(created, listed);
  }

  @Test
  void listSubscriptionsPagesOverTheAccountsTopics() {
    // Given an account of its own with two topics of 60 subscriptions each
    String account = SnsTesting.uniqueAccount();
    try (SnsClient own = SnsTesting.snsIn(node(), account)) {
      Set<String> created = new HashSet<>();
      for (String name : List.of("left", "right")) {
        String topic = own.createTopic(b -> b.name(name)).topicArn();
        for (int i = 0; i < 60; i++) {
          String endpoint = "arn:aws:sqs:us-east-1:" + account + ":" + name + "-" + i;
          created.add(own.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(endpoint)).subscriptionArn());
        }
      }

      // When the account's subscriptions are listed page by page
      ListSubscriptionsResponse first = own.listSubscriptions();
      ListSubscriptionsResponse second = own.listSubscriptions(b -> b.nextToken(first.nextToken()));

      // Then exactly those 120 come, 100 and 20
      assertEquals(100, first.subscriptions().size());
      assertEquals(20, second.subscriptions().size());
      assertNull(second.nextToken());
      List<String> listed = new ArrayList<>();
      first.subscriptions().forEach(s -> listed.add(s.subscriptionArn()));
      second.subscriptions().forEach(s -> listed.add(s.subscriptionArn()));
      assertEquals(created, new HashSet<>(listed));
      assertEquals(120, listed.size());
      assertTrue(first.subscriptions().stream().allMatch(s -> s.owner().equals(account) && s.protocol().equals("sqs")));
    }
  }

  @Test
  void rawMessageDeliveryIsSetAndChecked() {
    // Given a queue subscription
    String sub = subscribe(topic("raw"), queue("raw-q"));

    // When raw delivery is turned on, and set to a value that is no boolean
    set(sub, "RawMessageDelivery", "true");

    // Then it shows as on, and the bad value is InvalidParameter
    assertEquals("true", attributes(sub).get("RawMessageDelivery"));
    assertSnsError("InvalidParameter", () -> set(sub, "RawMessageDelivery", "yes"));
    assertEquals("true", attributes(sub).get("RawMessageDelivery"));
  }

  @Test
  void filterPolicyAndItsScopeAreSetAndValidated() {
    // Given a queue subscription
    String sub = subscribe(topic("filter"), queue("filter-q"));
    String policy = "{\"colour\":[\"red\",\"blue\"],\"size\":[{\"numeric\":[\">\",10]}]}";

    // When a filter policy is set
    set(sub, "FilterPolicy", policy);
    Map<String, String> withPolicy = attributes(sub);

    // Then it shows with the default scope, MessageAttributes
    assertEquals(json(policy), json(withPolicy.get("FilterPolicy")));
    assertEquals("MessageAttributes", withPolicy.get("FilterPolicyScope"));
    // And the scope can be set to MessageBody, but not to anything else
    set(sub, "FilterPolicyScope", "MessageBody");
    assertEquals("MessageBody", attributes(sub).get("FilterPolicyScope"));
    assertSnsError("InvalidParameter", () -> set(sub, "FilterPolicyScope", "Headers"));
    // And a nested policy is taken in the body scope only
    set(sub, "FilterPolicy", "{\"order\":{\"kind\":[\"express\"]}}");
    assertSnsError("InvalidParameter", () -> set(sub, "FilterPolicyScope", "MessageAttributes"));
    assertEquals("MessageBody", attributes(sub).get("FilterPolicyScope"));
    // And invalid policies are rejected
    for (String invalid : List.of("{not json", "[\"red\"]", "{\"colour\":\"red\"}",
        "{\"size\":[{\"numeric\":[\">\"]}]}", "{\"colour\":[{\"unknown-operator\":1}]}")) {
      assertSnsError("InvalidParameter", () -> set(sub, "FilterPolicy", invalid));
    }
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic("filter-bad")).protocol("sqs")
        .endpoint(queueArn(queue("filter-bad-q"))).attributes(Map.of("FilterPolicy", "{\"a\":\"b\"}"))));
    assertSnsError("InvalidParameter", () -> sns().subscribe(b -> b.topicArn(topic("filter-nested")).protocol("sqs")
        .endpoint(queueArn(queue("filter-nested-q"))).attributes(Map.of("FilterPolicy", "{\"a\":{\"b\":[\"c\"]}}"))));
  }

  @Test
  void redrivePolicyNamesAQueueOfTheTopicsKind() {
    // Given a queue subscription of a standard topic, and a standard and a FIFO dead-letter queue
    String sub = subscribe(topic("redrive"), queue("redrive-q"));
    String standardDlq = queueArn(queue("redrive-dlq"));
    String fifoDlq = queueArn(fifoQueue("redrive-dlq"));

    // When the standard queue is set as dead-letter queue
    String policy = "{\"deadLetterTargetArn\":\"" + standardDlq + "\"}";
    set(sub, "RedrivePolicy", policy);

    // Then it shows; a FIFO queue, a non-queue ARN and text that is no JSON are InvalidParameter
    assertEquals(json(policy), json(attributes(sub).get("RedrivePolicy")));
    assertSnsError("InvalidParameter", () -> set(sub, "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + fifoDlq + "\"}"));
    assertSnsError("InvalidParameter", () -> set(sub, "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"arn:aws:sns:us-east-1:000000000000:t\"}"));
    assertSnsError("InvalidParameter", () -> set(sub, "RedrivePolicy", "{not json"));
  }

  @Test
  void deliveryPolicyIsOnlyForHttpSubscriptions() {
    // Given a queue subscription and an HTTP one
    String topic = topic("delivery");
    String queueSub = subscribe(topic, queue("delivery-q"));
    String httpSub = sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://127.0.0.1:9/hook")
        .returnSubscriptionArn(true)).subscriptionArn();
    String policy = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":2,\"numRetries\":4,"
        + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"}}";

    // When a delivery policy is set on each
    // Then the queue's is InvalidParameter; the HTTP one's shows in its effective policy
    assertSnsError("InvalidParameter", () -> set(queueSub, "DeliveryPolicy", policy));
    set(httpSub, "DeliveryPolicy", policy);
    Map<String, String> a = attributes(httpSub);
    assertEquals(4, json(a.get("EffectiveDeliveryPolicy")).path("healthyRetryPolicy").path("numRetries").asInt());
    assertFalse(attributes(queueSub).containsKey("EffectiveDeliveryPolicy"));
  }

  @Test
  void unknownOrReadOnlyAttributesCannotBeSet() {
    // Given a queue subscription
    String sub = subscribe(topic("readonly"), queue("readonly-q"));

    // When attributes that are not settable are set
    // Then InvalidParameter
    for (String name : List.of("Colour", "Protocol", "Endpoint", "PendingConfirmation", "Owner")) {
      assertSnsError("InvalidParameter", () -> set(sub, name, "x"));
    }
  }

  @Test
  void anUnsubscribedSubscriptionIsGone() {
    // Given a queue subscription
    String topic = topic("unsub");
    String sub = subscribe(topic, queue("unsub-q"));

    // When it is unsubscribed, twice
    sns().unsubscribe(b -> b.subscriptionArn(sub));
    sns().unsubscribe(b -> b.subscriptionArn(sub));

    // Then its attributes are NotFound and the topic lists none
    assertSnsError("NotFound", () -> attributes(sub));
    assertSnsError("NotFound", () -> set(sub, "RawMessageDelivery", "true"));
    assertTrue(sns().listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().isEmpty());
    assertEquals("0", sns().getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsConfirmed"));
    // And a malformed ARN is InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().unsubscribe(b -> b.subscriptionArn("not-an-arn")));
  }

  @Test
  void subscribingAgainAfterUnsubscribeGivesANewSubscription() {
    // Given a queue that subscribed and unsubscribed
    String topic = topic("resub");
    String url = queue("resub-q");
    String first = subscribe(topic, url);
    sns().unsubscribe(b -> b.subscriptionArn(first));

    // When it subscribes again
    String second = subscribe(topic, url);

    // Then it is a new subscription
    assertNotEquals(first, second);
    assertEquals("false", attributes(second).get("PendingConfirmation"));
  }
}

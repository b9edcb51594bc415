package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.testing.MemorySns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subscribe on the in-memory store: confirmation, idempotence, endpoint and attribute validation. */
class SubscribeTest {
  private static final String HOOK = "https://example.com/hook";

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private String error(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    return sns.errorCode(Subscribe::new, new Subscribe.Request(topicArn, protocol, endpoint, attributes, null));
  }

  @Test
  void aQueueOfTheSameAccountIsSubscribedConfirmed() {
    // When a queue of the topic's account subscribes
    String arn = sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), null);

    // Then its ARN is answered and it needs no confirmation
    assertTrue(arn.startsWith(topic + ":"), arn);
    SubscriptionRecord s = sns.subscription(topic, MemorySns.queueArn("q"));
    assertEquals(arn, s.arn());
    assertTrue(!s.pendingConfirmation());
  }

  @Test
  void anHttpsEndpointWaitsForConfirmation() {
    // When an https endpoint subscribes
    String answer = sns.subscribe(topic, "https", HOOK, null);

    // Then the answer is "pending confirmation" and the stored subscription has a token
    assertEquals("pending confirmation", answer);
    SubscriptionRecord s = sns.subscription(topic, HOOK);
    assertTrue(s.pendingConfirmation());
    assertNotNull(s.confirmationToken());
  }

  @Test
  void returnSubscriptionArnShowsTheArnOfAPendingSubscription() {
    String arn = sns.call(Subscribe::new, new Subscribe.Request(topic, "email", "ops@example.com", null, true))
        .subscriptionArn();
    assertEquals(sns.subscription(topic, "ops@example.com").arn(), arn);
  }

  @Test
  void aQueueOfAnotherAccountWaitsForConfirmation() {
    assertEquals("pending confirmation", sns.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:111111111111:q", null));
  }

  @Test
  void subscribingAgainAnswersTheSameSubscriptionUnlessTheAttributesDiffer() {
    // Given a subscription with raw delivery
    String arn = sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), Map.of("RawMessageDelivery", "true"));

    // Then subscribing again with the same attributes, or none, answers it
    assertEquals(arn, sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), Map.of("RawMessageDelivery", "true")));
    assertEquals(arn, sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), null));

    // And with other attributes is InvalidParameter
    assertEquals("InvalidParameter", error(topic, "sqs", MemorySns.queueArn("q"),
        Map.of("RawMessageDelivery", "false")));
  }

  @Test
  void endpointsMustMatchTheirProtocol() {
    assertEquals("InvalidParameter", error(topic, "carrier-pigeon", "coop", null));
    assertEquals("InvalidParameter", error(topic, "sqs", "not-an-arn", null));
    assertEquals("InvalidParameter", error(topic, "https", "http://example.com/hook", null));
    assertEquals("InvalidParameter", error(topic, "email", "not-an-address", null));
    assertEquals("InvalidParameter", error(topic, "sms", "call me", null));
    assertEquals("InvalidParameter", error(topic, "lambda", "arn:aws:sqs:us-east-1:000000000000:q", null));
    assertEquals("InvalidParameter", error(topic, "sqs", "", null));
    assertEquals("InvalidParameter", error(topic, "sqs", MemorySns.queueArn("q.fifo"), null));
  }

  @Test
  void aFifoTopicDeliversOnlyToQueues() {
    String fifo = sns.createTopic("orders.fifo", Map.of("FifoTopic", "true"));
    assertEquals("InvalidParameter", error(fifo, "https", HOOK, null));
    sns.subscribe(fifo, "sqs", MemorySns.queueArn("q.fifo"), null);
  }

  @Test
  void badFilterPoliciesAreInvalidParameter() {
    String endpoint = MemorySns.queueArn("q");
    assertEquals("InvalidParameter", error(topic, "sqs", endpoint, Map.of("FilterPolicy", "{\"kind\":")));
    assertEquals("InvalidParameter", error(topic, "sqs", endpoint, Map.of("FilterPolicy", "{\"kind\":\"retail\"}")));
    assertEquals("InvalidParameter", error(topic, "sqs", endpoint,
        Map.of("FilterPolicy", "{\"kind\":[{\"unknown-operator\":1}]}")));
    // Nesting is allowed only when the policy applies to the message body.
    assertEquals("InvalidParameter", error(topic, "sqs", endpoint,
        Map.of("FilterPolicy", "{\"order\":{\"kind\":[\"retail\"]}}")));
    sns.subscribe(topic, "sqs", endpoint,
        Map.of("FilterPolicy", "{\"order\":{\"kind\":[\"retail\"]}}", "FilterPolicyScope", "MessageBody"));
  }

  @Test
  void attributesMustSuitTheProtocol() {
    assertEquals("InvalidParameter", error(topic, "email", "ops@example.com", Map.of("RawMessageDelivery", "true")));
    assertEquals("InvalidParameter", error(topic, "sqs", MemorySns.queueArn("q"),
        Map.of("DeliveryPolicy", "{\"healthyRetryPolicy\":{\"numRetries\":3}}")));
    assertEquals("InvalidParameter", error(topic, "sqs", MemorySns.queueArn("q"),
        Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq.fifo\"}")));
    assertEquals("InvalidParameter", error(topic, "sqs", MemorySns.queueArn("q"), Map.of("Colour", "blue")));
  }

  @Test
  void aMissingTopicIsNotFound() {
    assertEquals("NotFound", error(MemorySns.topicArn("nope"), "sqs", MemorySns.queueArn("q"), null));
  }

  @Test
  void aPlatformEndpointMustExist() {
    assertEquals("InvalidParameter", error(topic, "application",
        "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/0f2e4bd1-8b4b-4b2f-9a37-1d3c5b0e8f00", null));
  }
}

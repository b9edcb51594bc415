package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which delivery policy applies to a subscription, and how GetTopic/SubscriptionAttributes show it. */
class EffectiveDeliveryPolicyTest {
  private static final RetryPolicy TOPIC_RETRY = new RetryPolicy(2, 30, 9, 0, 0, 0, BackoffFunction.GEOMETRIC);
  private static final RetryPolicy SUB_RETRY = new RetryPolicy(5, 10, 6, 1, 1, 1, BackoffFunction.ARITHMETIC);

  private static final DeliveryPolicy TOPIC_ALL = new DeliveryPolicy(TOPIC_RETRY, 4, "application/json", false);
  private static final DeliveryPolicy TOPIC_LOCKED = new DeliveryPolicy(TOPIC_RETRY, 4, "application/json", true);
  private static final DeliveryPolicy SUB_ALL = new DeliveryPolicy(SUB_RETRY, 8, "application/xml", false);
  private static final DeliveryPolicy SUB_THROTTLE_ONLY = new DeliveryPolicy(null, 8, null, false);
  private static final String DEFAULT_TYPE = EffectiveDeliveryPolicy.DEFAULT_CONTENT_TYPE;

  static Stream<Arguments> merges() {
    return Stream.of(
        Arguments.of("no policies: AWS defaults", null, null,
            new EffectiveDeliveryPolicy(RetryPolicy.DEFAULT, null, DEFAULT_TYPE, false)),
        Arguments.of("topic policy only", TOPIC_ALL, null,
            new EffectiveDeliveryPolicy(TOPIC_RETRY, 4, "application/json", false)),
        Arguments.of("subscription policy only", null, SUB_ALL,
            new EffectiveDeliveryPolicy(SUB_RETRY, 8, "application/xml", false)),
        Arguments.of("subscription overrides the topic", TOPIC_ALL, SUB_ALL,
            new EffectiveDeliveryPolicy(SUB_RETRY, 8, "application/xml", false)),
        Arguments.of("parts the subscription leaves out come from the topic", TOPIC_ALL, SUB_THROTTLE_ONLY,
            new EffectiveDeliveryPolicy(TOPIC_RETRY, 8, "application/json", false)),
        Arguments.of("parts neither sets are defaults", new DeliveryPolicy(null, null, null, false), SUB_THROTTLE_ONLY,
            new EffectiveDeliveryPolicy(RetryPolicy.DEFAULT, 8, DEFAULT_TYPE, false)),
        Arguments.of("disableSubscriptionOverrides ignores the subscription", TOPIC_LOCKED, SUB_ALL,
            new EffectiveDeliveryPolicy(TOPIC_RETRY, 4, "application/json", true)),
        Arguments.of("a locked topic's gaps are defaults, not the subscription's",
            new DeliveryPolicy(null, null, null, true), SUB_ALL,
            new EffectiveDeliveryPolicy(RetryPolicy.DEFAULT, null, DEFAULT_TYPE, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("merges")
  void effectivePolicyMergesSubscriptionOverTopicOverDefaults(String name, DeliveryPolicy topic,
      DeliveryPolicy subscription, EffectiveDeliveryPolicy expected) {
    assertEquals(expected, EffectiveDeliveryPolicy.of(topic, subscription));
  }

  @Test
  void subscriptionWithoutPoliciesShowsAwsDefaultEffectivePolicy() {
    // When
    String json = EffectiveDeliveryPolicy.of(null, null).toSubscriptionJson();

    // Then
    assertEquals("{\"healthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,"
        + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
        + "\"sicklyRetryPolicy\":null,\"throttlePolicy\":null,"
        + "\"requestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"},\"guaranteed\":false}", json);
  }

  @Test
  void subscriptionEffectivePolicyShowsItsThrottle() {
    String json = EffectiveDeliveryPolicy.of(null, SUB_THROTTLE_ONLY).toSubscriptionJson();

    assertTrue(json.contains("\"throttlePolicy\":{\"maxReceivesPerSecond\":8}"), json);
  }

  @Test
  void topicWithoutPolicyShowsAwsDefaultEffectivePolicy() {
    // When
    String json = EffectiveDeliveryPolicy.ofTopic(null).toTopicJson();

    // Then: as the AWS CLI's get-topic-attributes example, plus the request policy AWS now adds
    assertEquals("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,"
        + "\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
        + "\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
        + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}", json);
  }

  @Test
  void topicEffectivePolicyShowsItsOwnSettings() {
    String json = EffectiveDeliveryPolicy.ofTopic(TOPIC_LOCKED).toTopicJson();

    assertEquals("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":2,\"maxDelayTarget\":30,"
        + "\"numRetries\":9,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
        + "\"backoffFunction\":\"geometric\"},\"disableSubscriptionOverrides\":true,"
        + "\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":4},"
        + "\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}", json);
  }

  @Test
  void parsedTopicPolicyRoundTripsThroughItsEffectiveForm() {
    // Given a topic policy as GetTopicAttributes shows it
    String shown = EffectiveDeliveryPolicy.ofTopic(TOPIC_LOCKED).toTopicJson();

    // When it is set on another topic
    DeliveryPolicy parsed = DeliveryPolicy.parseTopic(shown);

    // Then that topic's subscriptions get the same policy
    assertEquals(EffectiveDeliveryPolicy.of(TOPIC_LOCKED, SUB_ALL), EffectiveDeliveryPolicy.of(parsed, SUB_ALL));
  }

  @Test
  void effectivePolicyHandsOutItsScheduleAndThrottle() {
    EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.of(TOPIC_ALL, null);

    assertEquals(TOPIC_RETRY, effective.retrySchedule().policy());
    assertEquals(OptionalInt.of(4), effective.throttle());
    assertEquals(OptionalInt.empty(), EffectiveDeliveryPolicy.of(null, null).throttle());
  }
}

package io.sluice.sns.delivery;

import java.util.OptionalLong;

/**
 * The delivery policies of topics and subscriptions as the SNS operations and the dispatcher use
 * them: validation, the effective policy Get*Attributes show, and the retry plan of each protocol.
 * HTTP/S follow their effective delivery policy; the other protocols AWS's fixed policies (see
 * "Amazon SNS message delivery retries"): AWS-managed endpoints (SQS, Lambda, Firehose) 100,015
 * attempts over 23 days, customer-managed ones (email, SMS, mobile push) 50 over 6 hours.
 */
public final class DeliveryPolicies {
  private DeliveryPolicies() {}

  /** SQS, Lambda, Firehose: 3 immediate, 2 at 1 s, 10 backing off 1–20 s, 100,000 at 20 s. */
  private static final RetrySchedule AWS_MANAGED =
      new RetrySchedule(new RetryPolicy(1, 20, 100_015, 3, 2, 100_000, BackoffFunction.EXPONENTIAL));
  /** Email, SMS, mobile push: 2 at 10 s, 10 backing off 10–600 s, 38 at 600 s. */
  private static final RetrySchedule CUSTOMER_MANAGED =
      new RetrySchedule(new RetryPolicy(10, 600, 50, 0, 2, 38, BackoffFunction.EXPONENTIAL));

  public static void validateTopicPolicy(String json) {
    DeliveryPolicy.parseTopic(json);
  }

  public static void validateSubscriptionPolicy(String json) {
    DeliveryPolicy.parseSubscription(json);
  }

  /** The topic's EffectiveDeliveryPolicy attribute. */
  public static String effectiveTopicPolicyJson(String topicPolicy) {
    return EffectiveDeliveryPolicy.ofTopic(DeliveryPolicy.parseTopic(topicPolicy)).toTopicJson();
  }

  /** An HTTP/S subscription's EffectiveDeliveryPolicy attribute. */
  public static String effectiveSubscriptionPolicyJson(String topicPolicy, String subscriptionPolicy) {
    return effective(topicPolicy, subscriptionPolicy).toSubscriptionJson();
  }

  public static EffectiveDeliveryPolicy effective(String topicPolicy, String subscriptionPolicy) {
    return EffectiveDeliveryPolicy.of(DeliveryPolicy.parseTopic(topicPolicy),
        DeliveryPolicy.parseSubscription(subscriptionPolicy));
  }

  /** The retry plan of a subscription of {@code protocol}. */
  public static RetryPlan retryPlan(String protocol, String topicPolicy, String subscriptionPolicy) {
    RetrySchedule schedule = switch (protocol) {
      case "http", "https" -> effective(topicPolicy, subscriptionPolicy).retrySchedule();
      case "sqs", "lambda", "firehose" -> AWS_MANAGED;
      default -> CUSTOMER_MANAGED;
    };
    return attemptsMade -> attemptsMade < 1 ? OptionalLong.of(0) : schedule.delayBeforeAttempt(attemptsMade);
  }
}

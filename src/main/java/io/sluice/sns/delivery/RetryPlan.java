package io.sluice.sns.delivery;

import java.util.OptionalLong;

/**
 * When to retry a failed delivery. HTTP/S subscriptions follow their effective delivery policy;
 * the other protocols follow AWS's fixed policies (see "Amazon SNS message delivery retries").
 */
public interface RetryPlan {

  /** The wait (millis) before the next attempt after {@code attemptsMade} failed ones; empty: give up. */
  OptionalLong delayAfterAttempts(int attemptsMade);

  /** The plan for a delivery's subscription. */
  static RetryPlan of(Attempt attempt) {
    return DeliveryPolicies.retryPlan(attempt.subscription().protocol(), attempt.topic().attribute("DeliveryPolicy"),
        attempt.subscription().attribute("DeliveryPolicy"));
  }
}

package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated HTTP/S retry policy (the {@code healthyRetryPolicy} of a subscription, or a topic's
 * {@code defaultHealthyRetryPolicy}). Delays are whole seconds; {@link #numRetries()} counts every
 * retry after the first delivery attempt, across all four phases.
 *
 * <p>Instances come from {@link DeliveryPolicy}'s parsers or {@link #DEFAULT}, so the AWS limits hold:
 * {@code 1 <= minDelayTarget <= maxDelayTarget <= 3600}, {@code 0 <= numRetries <= 100}, and the
 * no-delay, min-delay and max-delay retries are each at least 0 and together at most numRetries.
 */
public record RetryPolicy(
    int minDelayTarget,
    int maxDelayTarget,
    int numRetries,
    int numNoDelayRetries,
    int numMinDelayRetries,
    int numMaxDelayRetries,
    BackoffFunction backoffFunction) {

  /** AWS's policy when none is set: three retries, 20 seconds apart. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, BackoffFunction.LINEAR);

  /** Retries in the backoff phase: those no other phase claims. */
  public int numBackoffRetries() {
    return numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
  }

  /** Writes the members in the order AWS's EffectiveDeliveryPolicy lists them. */
  void writeTo(ObjectNode node) {
    node.put("minDelayTarget", minDelayTarget)
        .put("maxDelayTarget", maxDelayTarget)
        .put("numRetries", numRetries)
        .put("numMaxDelayRetries", numMaxDelayRetries)
        .put("numNoDelayRetries", numNoDelayRetries)
        .put("numMinDelayRetries", numMinDelayRetries)
        .put("backoffFunction", backoffFunction.wireName());
  }
}

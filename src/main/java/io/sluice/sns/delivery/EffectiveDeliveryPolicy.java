package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import java.util.OptionalInt;

/**
 * The HTTP/S delivery policy that actually applies: to one subscription ({@link #of}) or, as the
 * defaults it hands its subscriptions, to a topic ({@link #ofTopic}).
 *
 * <p>Each part (retry, throttle, request) comes from the subscription's policy if it sets that part,
 * else from the topic's, else from AWS's defaults (3 retries 20 s apart, no throttle,
 * {@code text/plain; charset=UTF-8}). A topic with {@code disableSubscriptionOverrides} ignores the
 * subscription's policy altogether ("Applying Delivery Policies to Topics and Subscriptions" in the
 * SNS guide).
 *
 * @param retryPolicy the retry policy, never null
 * @param maxReceivesPerSecond the throttle, or {@code null} for none
 * @param headerContentType the Content-Type of the POSTs, never null
 * @param disableSubscriptionOverrides whether the topic's policy wins over its subscriptions'
 */
public record EffectiveDeliveryPolicy(
    RetryPolicy retryPolicy,
    Integer maxReceivesPerSecond,
    String headerContentType,
    boolean disableSubscriptionOverrides) {

  /** The Content-Type SNS sends when no request policy says otherwise. */
  public static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";

  /** The policy of one subscription given its topic's; either may be {@code null} (not set). */
  public static EffectiveDeliveryPolicy of(DeliveryPolicy topic, DeliveryPolicy subscription) {
    EffectiveDeliveryPolicy defaults = ofTopic(topic);
    if (subscription == null || defaults.disableSubscriptionOverrides) {
      return defaults;
    }
    return new EffectiveDeliveryPolicy(
        firstSet(subscription.healthyRetryPolicy(), defaults.retryPolicy),
        firstSet(subscription.maxReceivesPerSecond(), defaults.maxReceivesPerSecond),
        firstSet(subscription.headerContentType(), defaults.headerContentType),
        false);
  }

  /** The defaults a topic with this policy ({@code null}: none) gives its HTTP/S subscriptions. */
  public static EffectiveDeliveryPolicy ofTopic(DeliveryPolicy topic) {
    if (topic == null) {
      return new EffectiveDeliveryPolicy(RetryPolicy.DEFAULT, null, DEFAULT_CONTENT_TYPE, false);
    }
    return new EffectiveDeliveryPolicy(
        firstSet(topic.healthyRetryPolicy(), RetryPolicy.DEFAULT),
        topic.maxReceivesPerSecond(),
        firstSet(topic.headerContentType(), DEFAULT_CONTENT_TYPE),
        topic.disableSubscriptionOverrides());
  }

  private static <T> T firstSet(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** The throttle as an optional rate. */
  public OptionalInt throttle() {
    return maxReceivesPerSecond == null ? OptionalInt.empty() : OptionalInt.of(maxReceivesPerSecond);
  }

  /** The schedule of retries this policy prescribes. */
  public RetrySchedule retrySchedule() {
    return new RetrySchedule(retryPolicy);
  }

  /**
   * The subscription's {@code EffectiveDeliveryPolicy} attribute as GetSubscriptionAttributes returns
   * it, e.g. {@code {"healthyRetryPolicy":{…},"sicklyRetryPolicy":null,"throttlePolicy":null,
   * "requestPolicy":{"headerContentType":"text/plain; charset=UTF-8"},"guaranteed":false}}.
   */
  public String toSubscriptionJson() {
    ObjectNode root = JsonCodec.json().createObjectNode();
    retryPolicy.writeTo(root.putObject("healthyRetryPolicy"));
    root.putNull("sicklyRetryPolicy");
    if (maxReceivesPerSecond == null) {
      root.putNull("throttlePolicy");
    } else {
      root.putObject("throttlePolicy").put("maxReceivesPerSecond", maxReceivesPerSecond);
    }
    root.putObject("requestPolicy").put("headerContentType", headerContentType);
    root.put("guaranteed", false);
    return root.toString();
  }

  /**
   * The topic's {@code EffectiveDeliveryPolicy} attribute as GetTopicAttributes returns it, e.g.
   * {@code {"http":{"defaultHealthyRetryPolicy":{…},"disableSubscriptionOverrides":false,
   * "defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}}.
   */
  public String toTopicJson() {
    ObjectNode root = JsonCodec.json().createObjectNode();
    ObjectNode http = root.putObject("http");
    retryPolicy.writeTo(http.putObject("defaultHealthyRetryPolicy"));
    http.put("disableSubscriptionOverrides", disableSubscriptionOverrides);
    if (maxReceivesPerSecond != null) {
      http.putObject("defaultThrottlePolicy").put("maxReceivesPerSecond", maxReceivesPerSecond);
    }
    http.putObject("defaultRequestPolicy").put("headerContentType", headerContentType);
    return root.toString();
  }
}

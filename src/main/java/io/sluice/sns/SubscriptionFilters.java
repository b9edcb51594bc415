package io.sluice.sns;

import io.sluice.sns.filter.FilterPolicy;
import io.sluice.sns.filter.FilterPolicyScope;
import io.sluice.sns.filter.MessageAttributeValue;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a subscription's filter policy lets a message through, and filter policy validation.
 * Parsed policies are cached by their text and scope (a policy is immutable once parsed).
 */
public final class SubscriptionFilters {
  private SubscriptionFilters() {}

  private static final int CACHE_LIMIT = 10_000;
  private static final Map<String, FilterPolicy> CACHE = new ConcurrentHashMap<>();

  /** InvalidParameter with AWS's message when the policy is not valid in {@code scope}. */
  public static void validate(String policyJson, String scope) {
    parsed(policyJson, scope);
  }

  /** True when the subscription has no filter policy or the message matches it. */
  public static boolean accepts(SubscriptionRecord subscription, PublishedMessage message) {
    String policy = subscription.attribute("FilterPolicy");
    if (policy == null || policy.isEmpty()) {
      return true;
    }
    FilterPolicy filter = parsed(policy, subscription.attribute("FilterPolicyScope"));
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    for (Map.Entry<String, MessageAttribute> e : message.attributes().entrySet()) {
      MessageAttribute a = e.getValue();
      attributes.put(e.getKey(), a.isBinary() ? MessageAttributeValue.binary()
          : new MessageAttributeValue(a.dataType(), a.stringValue()));
    }
    return filter.matches(attributes, message.messageFor(subscription.protocol()));
  }

  private static FilterPolicy parsed(String policy, String scope) {
    FilterPolicyScope s = FilterPolicyScope.fromAttribute(scope);
    String key = s.name() + "\n" + policy;
    FilterPolicy cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    FilterPolicy parsed = FilterPolicy.parse(policy, s);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(key, parsed);
    return parsed;
  }
}

package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import io.sluice.sns.delivery.DeliveryPolicies;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a subscription: which can be set, for which protocols, with which values, and
 * what GetSubscriptionAttributes shows. See the SetSubscriptionAttributes API reference.
 */
public final class SubscriptionAttributes {
  private SubscriptionAttributes() {}

  /** Protocols whose deliveries can be the raw message rather than the JSON envelope. */
  private static final Set<String> RAW_CAPABLE = Set.of("sqs", "http", "https", "firehose");

  /** Validates one settable attribute for a subscription of {@code protocol} to {@code topic}. */
  public static String validated(String name, String value, String protocol, TopicRecord topic) {
    if (value == null) {
      throw invalid(name, "Attribute value is missing");
    }
    switch (name) {
      case "RawMessageDelivery" -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw invalid(name, "Invalid value [" + value + "]. Must be true or false.");
        }
        if (value.equalsIgnoreCase("true") && !RAW_CAPABLE.contains(protocol)) {
          throw invalid(name, "Invalid value [" + value + "]. Must be false.");
        }
      }
      case "FilterPolicy" -> {
        // The scope may come in the same Subscribe call: check what holds in any scope (MessageBody
        // allows nesting) here, and the scope's own rule in validateTogether.
        if (!value.isEmpty()) {
          SubscriptionFilters.validate(value, "MessageBody");
        }
      }
      case "FilterPolicyScope" -> {
        if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
          throw invalid(name, "FilterPolicyScope: Invalid value [" + value
              + "]. Please use either MessageBody or MessageAttributes");
        }
      }
      case "DeliveryPolicy" -> {
        if (!protocol.equals("http") && !protocol.equals("https")) {
          throw invalid(name, "Delivery policy is only supported for HTTP/S subscriptions");
        }
        if (!value.isEmpty()) {
          DeliveryPolicies.validateSubscriptionPolicy(value);
        }
      }
      case "RedrivePolicy" -> {
        if (!value.isEmpty()) {
          JsonNode policy = requireJsonObject(name, value);
          String target = policy.path("deadLetterTargetArn").asText("");
          if (!SnsArns.isQueueArn(target)) {
            throw invalid(name, "deadLetterTargetArn is not a valid SQS queue ARN");
          }
          if (topic.isFifo() != target.endsWith(".fifo")) {
            throw invalid(name, topic.isFifo()
                ? "The dead-letter queue of a FIFO topic's subscription must be a FIFO queue"
                : "The dead-letter queue of a standard topic's subscription must be a standard queue");
          }
        }
      }
      case "SubscriptionRoleArn" -> {
        if (!value.isEmpty() && !value.startsWith("arn:")) {
          throw invalid(name, "SubscriptionRoleArn must be an IAM role ARN");
        }
      }
      case "ReplayPolicy" -> {
        if (!topic.isFifo() || !protocol.equals("sqs")) {
          throw invalid(name, "Replay is supported only for SQS subscriptions of FIFO topics");
        }
        if (!value.isEmpty()) {
          ReplayPolicy.parse(value);
        }
      }
      default -> throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AttributeName");
    }
    return value;
  }

  /**
   * Validates the attributes of a new or changed subscription together: a FilterPolicy must be
   * valid in the scope the attributes give it.
   */
  public static void validateTogether(Map<String, String> attributes) {
    String filter = attributes.get("FilterPolicy");
    if (filter != null && !filter.isEmpty()) {
      SubscriptionFilters.validate(filter, attributes.getOrDefault("FilterPolicyScope", "MessageAttributes"));
    }
  }

  /** What GetSubscriptionAttributes answers. */
  public static Map<String, String> shown(SubscriptionRecord s, TopicRecord topic) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("SubscriptionArn", s.arn());
    out.put("TopicArn", s.topicArn());
    out.put("Owner", s.owner());
    out.put("Protocol", s.protocol());
    out.put("Endpoint", s.endpoint());
    out.put("PendingConfirmation", Boolean.toString(s.pendingConfirmation()));
    out.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmationWasAuthenticated()));
    out.put("RawMessageDelivery", Boolean.toString(s.rawMessageDelivery()));
    for (Map.Entry<String, String> e : s.attributes().entrySet()) {
      if (!e.getValue().isEmpty() && !e.getKey().equals("RawMessageDelivery")) {
        out.put(e.getKey(), e.getValue());
      }
    }
    if (out.containsKey("FilterPolicy")) {
      out.putIfAbsent("FilterPolicyScope", "MessageAttributes");
    }
    if (s.protocol().equals("http") || s.protocol().equals("https")) {
      out.put("EffectiveDeliveryPolicy", DeliveryPolicies.effectiveSubscriptionPolicyJson(
          topic == null ? null : topic.attribute("DeliveryPolicy"), s.attribute("DeliveryPolicy")));
    }
    return out;
  }

  static JsonNode requireJsonObject(String name, String value) {
    return TopicAttributes.requireJsonObject(name, value);
  }

  static AwsException invalid(String name, String reason) {
    return AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s Reason: %s", name, reason);
  }
}

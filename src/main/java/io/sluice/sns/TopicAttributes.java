package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.delivery.DeliveryPolicies;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a topic: which can be set (and with what values), and what
 * GetTopicAttributes shows, defaults and counts included. See the CreateTopic and
 * SetTopicAttributes API references.
 */
public final class TopicAttributes {
  private TopicAttributes() {}

  private static final ObjectMapper JSON = JsonCodec.json();
  private static final Set<String> FEEDBACK_PROTOCOLS = Set.of("HTTP", "Firehose", "Lambda", "Application", "SQS");

  /** Attributes only FIFO topics take. */
  private static final Set<String> FIFO_ONLY = Set.of("ContentBasedDeduplication", "ArchivePolicy",
      "FifoThroughputScope");

  /**
   * Validates one settable attribute's value for a topic (FIFO or not); returns the value to store.
   * {@code creating} allows FifoTopic, which cannot change afterwards.
   */
  public static String validated(String name, String value, boolean fifo, boolean creating) {
    if (value == null) {
      throw invalid(name, "Attribute value is missing");
    }
    if (FIFO_ONLY.contains(name) && !fifo) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Attributes Reason: %s is only "
          + "supported for FIFO topics", name);
    }
    switch (name) {
      case "DisplayName" -> {
        if (value.length() > 100) {
          throw invalid(name, "DisplayName must be at most 100 characters");
        }
      }
      case "Policy" -> requireJsonObject(name, value);
      case "DeliveryPolicy" -> {
        if (!value.isEmpty()) {
          DeliveryPolicies.validateTopicPolicy(value);
        }
      }
      case "KmsMasterKeyId" -> {
        if (value.length() > 2048) {
          throw invalid(name, "KmsMasterKeyId is too long");
        }
      }
      case "SignatureVersion" -> {
        if (!value.equals("1") && !value.equals("2")) {
          throw invalid(name, "SignatureVersion must be 1 or 2");
        }
      }
      case "TracingConfig" -> {
        if (!value.equals("PassThrough") && !value.equals("Active")) {
          throw invalid(name, "TracingConfig must be PassThrough or Active");
        }
        if (value.equals("Active") && fifo) {
          throw invalid(name, "Active tracing is not supported on FIFO topics");
        }
      }
      case "FifoTopic" -> {
        if (!creating) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AttributeName");
        }
        requireBoolean(name, value);
      }
      case "ContentBasedDeduplication" -> requireBoolean(name, value);
      case "FifoThroughputScope" -> {
        if (!value.equals("Topic") && !value.equals("MessageGroup")) {
          throw invalid(name, "FifoThroughputScope must be Topic or MessageGroup");
        }
      }
      case "ArchivePolicy" -> validateArchivePolicy(value);
      default -> {
        if (!isFeedbackAttribute(name, value)) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AttributeName");
        }
      }
    }
    return value;
  }

  /** The {@code <Protocol>SuccessFeedbackRoleArn}, {@code …SuccessFeedbackSampleRate}, {@code …FailureFeedbackRoleArn} family. */
  private static boolean isFeedbackAttribute(String name, String value) {
    for (String protocol : FEEDBACK_PROTOCOLS) {
      if (name.equals(protocol + "SuccessFeedbackRoleArn") || name.equals(protocol + "FailureFeedbackRoleArn")) {
        return true;
      }
      if (name.equals(protocol + "SuccessFeedbackSampleRate")) {
        try {
          int rate = Integer.parseInt(value);
          if (rate < 0 || rate > 100) {
            throw invalid(name, "sample rate must be between 0 and 100");
          }
        } catch (NumberFormatException e) {
          throw invalid(name, "sample rate must be an integer between 0 and 100");
        }
        return true;
      }
    }
    return false;
  }

  /** {@code {"MessageRetentionPeriod": "1".."365"}} (days); the empty string removes the policy. */
  private static void validateArchivePolicy(String value) {
    if (value.isEmpty() || value.equals("{}")) {
      return;
    }
    JsonNode policy = requireJsonObject("ArchivePolicy", value);
    JsonNode days = policy.get("MessageRetentionPeriod");
    if (days == null || policy.size() != 1) {
      throw invalid("ArchivePolicy", "ArchivePolicy must contain only MessageRetentionPeriod");
    }
    try {
      int d = Integer.parseInt(days.asText());
      if (d < 1 || d > 365) {
        throw invalid("ArchivePolicy", "MessageRetentionPeriod must be between 1 and 365 days");
      }
    } catch (NumberFormatException e) {
      throw invalid("ArchivePolicy", "MessageRetentionPeriod must be a number of days");
    }
  }

  /** Archive retention in days, or 0 when the topic archives nothing. */
  public static int archiveDays(TopicRecord topic) {
    String policy = topic.attribute("ArchivePolicy");
    if (policy == null || policy.isEmpty() || policy.equals("{}")) {
      return 0;
    }
    try {
      return Integer.parseInt(JSON.readTree(policy).path("MessageRetentionPeriod").asText("0"));
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** The policy a new topic gets: the owner's account may do everything. */
  public static String defaultPolicy(String topicArn, String account) {
    return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
        + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
        + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\","
        + "\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\""
        + topicArn + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + account + "\"}}}]}";
  }

  /** What GetTopicAttributes answers: stored attributes, defaults and the read-only ones. */
  public static Map<String, String> shown(TopicRecord topic, List<SubscriptionRecord> subscriptions) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("TopicArn", topic.arn());
    out.put("Owner", topic.account());
    out.put("Policy", topic.attributes().getOrDefault("Policy", defaultPolicy(topic.arn(), topic.account())));
    out.put("DisplayName", topic.attributes().getOrDefault("DisplayName", ""));
    long pending = subscriptions.stream().filter(SubscriptionRecord::pendingConfirmation).count();
    out.put("SubscriptionsPending", Long.toString(pending));
    out.put("SubscriptionsConfirmed", Long.toString(subscriptions.size() - pending));
    out.put("SubscriptionsDeleted", "0");
    out.put("EffectiveDeliveryPolicy", DeliveryPolicies.effectiveTopicPolicyJson(topic.attribute("DeliveryPolicy")));
    if (topic.isFifo()) {
      out.put("FifoTopic", "true");
      out.put("ContentBasedDeduplication", topic.attributes().getOrDefault("ContentBasedDeduplication", "false"));
      out.put("FifoThroughputScope", topic.attributes().getOrDefault("FifoThroughputScope", "Topic"));
    }
    for (Map.Entry<String, String> e : topic.attributes().entrySet()) {
      if ((!e.getValue().isEmpty() || e.getKey().equals("DisplayName")) && !e.getKey().equals("DataProtectionPolicy")) {
        out.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    if (archiveDays(topic) > 0) {
      out.put("BeginningArchiveTime", java.time.Instant.ofEpochMilli(topic.createdMillis()).toString());
    }
    return out;
  }

  private static void requireBoolean(String name, String value) {
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw invalid(name, name + " must be true or false");
    }
  }

  /** The value parsed as a JSON object; InvalidParameter naming the attribute otherwise. */
  static JsonNode requireJsonObject(String name, String value) {
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.isObject()) {
        throw invalid(name, "must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw invalid(name, "must be valid JSON");
    }
  }

  private static AwsException invalid(String name, String reason) {
    return AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s Reason: %s", name, reason);
  }
}

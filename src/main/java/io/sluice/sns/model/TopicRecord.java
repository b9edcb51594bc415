package io.sluice.sns.model;

import java.util.Map;

/**
 * A topic as stored: its ARN parts, settable attributes by AWS name (defaults are not stored; see
 * {@code TopicAttributes}), tags and creation time.
 */
public record TopicRecord(String arn, String region, String account, String name,
                          Map<String, String> attributes, Map<String, String> tags, long createdMillis) {

  public TopicRecord {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  /** The ARN of topic {@code name} in a region and account. */
  public static String arnOf(String region, String account, String name) {
    return "arn:aws:sns:" + region + ":" + account + ":" + name;
  }

  public boolean isFifo() {
    return "true".equalsIgnoreCase(attributes.get("FifoTopic"));
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public TopicRecord withAttributes(Map<String, String> newAttributes) {
    return new TopicRecord(arn, region, account, name, newAttributes, tags, createdMillis);
  }

  public TopicRecord withTags(Map<String, String> newTags) {
    return new TopicRecord(arn, region, account, name, attributes, newTags, createdMillis);
  }
}

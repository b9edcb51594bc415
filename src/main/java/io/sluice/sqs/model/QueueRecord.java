package io.sluice.sqs.model;

import java.util.Map;

/**
 * A queue's stored configuration: its settable attributes (defaults filled in at creation), tags,
 * timestamps, and a version that increases with every change.
 *
 * @param attributes settable attributes by AWS name (e.g. {@code VisibilityTimeout} → {@code "30"})
 */
public record QueueRecord(QueueId id, Map<String, String> attributes, Map<String, String> tags,
                          long createdMillis, long modifiedMillis, long version) {

  public QueueRecord {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public int intAttribute(String name, int fallback) {
    String v = attributes.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public boolean boolAttribute(String name) {
    return "true".equalsIgnoreCase(attributes.get(name));
  }

  public boolean isFifo() {
    return boolAttribute("FifoQueue");
  }
}

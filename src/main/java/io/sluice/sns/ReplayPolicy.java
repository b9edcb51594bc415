package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A subscription's ReplayPolicy: replay the FIFO topic's archived messages published from
 * {@code startingPoint} up to {@code endingPoint} (or now) to the subscription. See "Amazon SNS
 * message archiving and replay" in the SNS Developer Guide.
 */
public record ReplayPolicy(long startingPointMillis, Long endingPointMillis) {

  /** Parses {@code {"PointType":"Timestamp","StartingPoint":"…","EndingPoint":"…"}}. */
  public static ReplayPolicy parse(String json) {
    JsonNode node = SubscriptionAttributes.requireJsonObject("ReplayPolicy", json);
    if (!"Timestamp".equals(node.path("PointType").asText())) {
      throw SubscriptionAttributes.invalid("ReplayPolicy", "PointType must be Timestamp");
    }
    long start = timestamp(node.get("StartingPoint"), "StartingPoint");
    Long end = node.hasNonNull("EndingPoint") ? timestamp(node.get("EndingPoint"), "EndingPoint") : null;
    if (end != null && end < start) {
      throw SubscriptionAttributes.invalid("ReplayPolicy", "EndingPoint must not be before StartingPoint");
    }
    return new ReplayPolicy(start, end);
  }

  private static long timestamp(JsonNode value, String field) {
    if (value == null || !value.isTextual()) {
      throw SubscriptionAttributes.invalid("ReplayPolicy", field + " must be an ISO-8601 timestamp");
    }
    try {
      return Instant.parse(value.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: ReplayPolicy Reason: %s must be an "
          + "ISO-8601 timestamp", field);
    }
  }
}

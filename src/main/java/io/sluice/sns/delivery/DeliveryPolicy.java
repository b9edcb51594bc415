package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code DeliveryPolicy} attribute of a topic or an HTTP/S subscription, parsed and checked
 * against the limits of "Amazon SNS message delivery retries" (section "Creating an HTTP/S delivery
 * policy") and the SetTopicAttributes / SetSubscriptionAttributes delivery policy JSON formats.
 *
 * <p>Each part is {@code null} when the JSON leaves it out (or sets it to {@code null});
 * {@link EffectiveDeliveryPolicy} fills the gaps. {@code disableSubscriptionOverrides} is only ever
 * true for a topic's policy.
 *
 * @param healthyRetryPolicy {@code healthyRetryPolicy} / {@code http.defaultHealthyRetryPolicy}
 * @param maxReceivesPerSecond the throttle policy's {@code maxReceivesPerSecond}, at least 1
 * @param headerContentType the request policy's {@code headerContentType}, as given
 * @param disableSubscriptionOverrides a topic's {@code http.disableSubscriptionOverrides}
 */
public record DeliveryPolicy(
    RetryPolicy healthyRetryPolicy,
    Integer maxReceivesPerSecond,
    String headerContentType,
    boolean disableSubscriptionOverrides) {

  /** The media types the SetTopicAttributes / SetSubscriptionAttributes formats list. */
  public static final Set<String> CONTENT_TYPES = Set.of("text/plain", "application/json", "application/xml");

  private static final int MAX_RETRIES = 100;
  private static final int MAX_DELAY_SECONDS = 3600;

  /**
   * Parses a topic's policy: {@code {"http": {"defaultHealthyRetryPolicy": …,
   * "disableSubscriptionOverrides": …, "defaultThrottlePolicy": …, "defaultRequestPolicy": …}}}.
   * Blank text means no policy and gives {@code null}.
   *
   * @throws AwsException {@code InvalidParameter}, message {@code Invalid parameter: DeliveryPolicy: <reason>}
   */
  public static DeliveryPolicy parseTopic(String json) {
    ObjectNode root = parseRoot(json);
    if (root == null) {
      return null;
    }
    checkMembers(root, Set.of("http"));
    ObjectNode http = object(root.get("http"), "http");
    if (http == null) {
      return new DeliveryPolicy(null, null, null, false);
    }
    checkMembers(http, Set.of("defaultHealthyRetryPolicy", "defaultSicklyRetryPolicy",
        "disableSubscriptionOverrides", "defaultThrottlePolicy", "defaultRequestPolicy"));
    RetryPolicy retry = retryPolicy(http.get("defaultHealthyRetryPolicy"), "http.defaultHealthyRetryPolicy");
    // Legacy member that AWS still echoes; checked like the healthy policy, then unused.
    retryPolicy(http.get("defaultSicklyRetryPolicy"), "http.defaultSicklyRetryPolicy");
    boolean disable = Boolean.TRUE.equals(bool(http, "disableSubscriptionOverrides", "http"));
    Integer throttle = throttle(http.get("defaultThrottlePolicy"), "http.defaultThrottlePolicy");
    String contentType = contentType(http.get("defaultRequestPolicy"), "http.defaultRequestPolicy");
    return new DeliveryPolicy(retry, throttle, contentType, disable);
  }

  /**
   * Parses a subscription's policy: {@code {"healthyRetryPolicy": …, "throttlePolicy": …,
   * "requestPolicy": …}}. Also accepts {@code sicklyRetryPolicy} and {@code guaranteed}, the other
   * members of AWS's EffectiveDeliveryPolicy, so that policy can be set back as it was read. Blank
   * text means no policy and gives {@code null}.
   *
   * @throws AwsException {@code InvalidParameter}, message {@code Invalid parameter: DeliveryPolicy: <reason>}
   */
  public static DeliveryPolicy parseSubscription(String json) {
    ObjectNode root = parseRoot(json);
    if (root == null) {
      return null;
    }
    checkMembers(root, Set.of("healthyRetryPolicy", "sicklyRetryPolicy", "throttlePolicy", "requestPolicy",
        "guaranteed"));
    RetryPolicy retry = retryPolicy(root.get("healthyRetryPolicy"), "healthyRetryPolicy");
    retryPolicy(root.get("sicklyRetryPolicy"), "sicklyRetryPolicy");
    bool(root, "guaranteed", null);
    Integer throttle = throttle(root.get("throttlePolicy"), "throttlePolicy");
    String contentType = contentType(root.get("requestPolicy"), "requestPolicy");
    return new DeliveryPolicy(retry, throttle, contentType, false);
  }

  private static ObjectNode parseRoot(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = JsonCodec.json().readTree(json);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw invalid("failed to parse JSON");
    }
    return (ObjectNode) root;
  }

  private static RetryPolicy retryPolicy(JsonNode value, String path) {
    ObjectNode node = object(value, path);
    if (node == null) {
      return null;
    }
    checkMembers(node, Set.of("minDelayTarget", "maxDelayTarget", "numRetries", "numNoDelayRetries",
        "numMinDelayRetries", "numMaxDelayRetries", "backoffFunction"));
    // AWS insists on these three although its own format pages show policies without them.
    int min = required(node, "minDelayTarget", path);
    int max = required(node, "maxDelayTarget", path);
    int retries = required(node, "numRetries", path);
    int noDelay = optional(node, "numNoDelayRetries", path);
    int minDelay = optional(node, "numMinDelayRetries", path);
    int maxDelay = optional(node, "numMaxDelayRetries", path);
    atLeast(min, 1, path + ".minDelayTarget");
    if (max < min) {
      throw invalid(path + ".maxDelayTarget must be greater than or equal to minDelayTarget");
    }
    atMost(max, MAX_DELAY_SECONDS, path + ".maxDelayTarget");
    atLeast(retries, 0, path + ".numRetries");
    atMost(retries, MAX_RETRIES, path + ".numRetries");
    atLeast(noDelay, 0, path + ".numNoDelayRetries");
    atLeast(minDelay, 0, path + ".numMinDelayRetries");
    atLeast(maxDelay, 0, path + ".numMaxDelayRetries");
    if ((long) noDelay + minDelay + maxDelay > retries) {
      throw invalid(path + ".numRetries must be greater than or equal to total of numMinDelayRetries, "
          + "numNoDelayRetries and numMaxDelayRetries");
    }
    BackoffFunction backoff = BackoffFunction.LINEAR;
    JsonNode function = node.get("backoffFunction");
    if (function != null && !function.isNull()) {
      backoff = function.isTextual() ? BackoffFunction.fromWire(function.asText()) : null;
      if (backoff == null) {
        throw invalid(path + ".backoffFunction must be one of linear, arithmetic, geometric, exponential");
      }
    }
    return new RetryPolicy(min, max, retries, noDelay, minDelay, maxDelay, backoff);
  }

  private static Integer throttle(JsonNode value, String path) {
    ObjectNode node = object(value, path);
    if (node == null) {
      return null;
    }
    checkMembers(node, Set.of("maxReceivesPerSecond"));
    Integer rate = integer(node, "maxReceivesPerSecond", path);
    if (rate != null) {
      atLeast(rate, 1, path + ".maxReceivesPerSecond");
    }
    return rate;
  }

  private static String contentType(JsonNode value, String path) {
    ObjectNode node = object(value, path);
    if (node == null) {
      return null;
    }
    checkMembers(node, Set.of("headerContentType"));
    JsonNode type = node.get("headerContentType");
    if (type == null || type.isNull()) {
      return null;
    }
    // Parameters such as "; charset=UTF-8" may follow: AWS's own default carries one.
    String mediaType = type.isTextual() ? type.asText().split(";", 2)[0].trim().toLowerCase(Locale.ROOT) : "";
    if (!CONTENT_TYPES.contains(mediaType)) {
      throw invalid(path + ".headerContentType must be one of text/plain, application/json, application/xml");
    }
    return type.asText().trim();
  }

  private static ObjectNode object(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid(path + " must be a JSON object");
    }
    return (ObjectNode) value;
  }

  private static void checkMembers(ObjectNode node, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid("Unexpected JSON member: " + name);
      }
    }
  }

  private static int required(ObjectNode node, String field, String path) {
    Integer value = integer(node, field, path);
    if (value == null) {
      throw invalid(path + "." + field + " must be specified");
    }
    return value;
  }

  private static int optional(ObjectNode node, String field, String path) {
    Integer value = integer(node, field, path);
    return value == null ? 0 : value;
  }

  /** A whole number, given as a JSON number or a numeric string (Jackson's usual leniency). */
  private static Integer integer(ObjectNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      if (value.isNumber()) {
        return value.decimalValue().intValueExact();
      }
      if (value.isTextual()) {
        return Integer.valueOf(value.asText().trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the error below
    }
    throw invalid(path + "." + field + " must be an integer");
  }

  private static Boolean bool(ObjectNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
      return Boolean.valueOf(value.asText());
    }
    throw invalid((path == null ? "" : path + ".") + field + " must be a boolean");
  }

  private static void atLeast(int value, int floor, String what) {
    if (value < floor) {
      throw invalid(what + " must be greater than or equal to " + floor);
    }
  }

  private static void atMost(int value, int ceiling, String what) {
    if (value > ceiling) {
      throw invalid(what + " must be less than or equal to " + ceiling);
    }
  }

  private static AwsException invalid(String reason) {
    return new AwsException(io.sluice.sns.SnsError.InvalidParameter, "Invalid parameter: DeliveryPolicy: " + reason);
  }
}

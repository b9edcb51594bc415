package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.sns.model.TopicRecord;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/** The protocols SNS subscribes, and the endpoint each accepts (see the Subscribe API reference). */
public final class SubscriptionEndpoints {
  private SubscriptionEndpoints() {}

  public static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
      "application", "lambda", "firehose");
  private static final Pattern LAMBDA_ARN =
      Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9$_-]+)?");
  private static final Pattern FIREHOSE_ARN =
      Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[A-Za-z0-9_.-]{1,64}");
  private static final Pattern PHONE = Pattern.compile("\\+?[1-9]\\d{1,14}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Validates protocol and endpoint for a subscription to {@code topic}; InvalidParameter otherwise. */
  public static void validate(String protocol, String endpoint, TopicRecord topic, boolean allowLoopbackHttp) {
    if (protocol == null || !PROTOCOLS.contains(protocol)) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Amazon SNS does not support this protocol string: %s", protocol);
    }
    if (topic.isFifo() && !protocol.equals("sqs")) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Invalid protocol type: %s. FIFO topics deliver only to Amazon SQS queues", protocol);
    }
    if (endpoint == null || endpoint.isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Endpoint");
    }
    switch (protocol) {
      case "sqs" -> {
        if (!SnsArns.isQueueArn(endpoint)) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: SQS endpoint ARN");
        }
        if (!topic.isFifo() && endpoint.endsWith(".fifo")) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Invalid parameter: Endpoint Reason: "
              + "FIFO SQS Queues can not be subscribed to standard SNS topics");
        }
      }
      case "lambda" -> require(LAMBDA_ARN, endpoint, "Lambda endpoint ARN");
      case "firehose" -> require(FIREHOSE_ARN, endpoint, "Firehose endpoint ARN");
      case "application" -> {
        if (!PlatformApplications.isEndpointArn(endpoint)) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Endpoint");
        }
      }
      case "sms" -> require(PHONE, endpoint.replaceAll("[\\s().-]", ""), "SMS endpoint");
      case "email", "email-json" -> require(EMAIL, endpoint, "Email address");
      default -> checkUrl(protocol, endpoint, allowLoopbackHttp);
    }
  }

  private static void require(Pattern pattern, String endpoint, String what) {
    if (!pattern.matcher(endpoint).matches()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s", what);
    }
  }

  private static void checkUrl(String protocol, String endpoint, boolean allowLoopbackHttp) {
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Endpoint must match the specified protocol");
    }
    if (!protocol.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Endpoint must match the specified protocol");
    }
    if (!allowLoopbackHttp && isLoopback(uri.getHost())) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Endpoint Reason: loopback endpoints are disabled (sns.allow-loopback-http)");
    }
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]") && InetAddress.getByName(host.replace("[", "").replace("]", ""))
          .isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Whether a new subscription waits for confirmation: http/s and email always; SQS queues and
   * Lambda functions of another account than the topic's too (AWS sends them a
   * SubscriptionConfirmation), unless their own account subscribes them.
   */
  public static boolean needsConfirmation(String protocol, String endpoint, String topicAccount,
                                          String subscriberAccount) {
    return switch (protocol) {
      case "http", "https", "email", "email-json" -> true;
      case "sqs", "lambda" -> !topicAccount.equals(SnsArns.account(endpoint))
          && !subscriberAccount.equals(SnsArns.account(endpoint));
      default -> false;
    };
  }
}

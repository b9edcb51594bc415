package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.regex.Pattern;

/** Parsing and validation of the ARNs SNS actions take, with AWS's error messages. */
public final class SnsArns {
  private SnsArns() {}

  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
  private static final Pattern QUEUE_ARN =
      Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
  private static final Pattern SUBSCRIPTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,261}:[0-9a-f-]{36}");

  /** A topic ARN, checked for shape; InvalidParameter (naming the parameter) if malformed or absent. */
  public static String requireTopicArn(RequestContext ctx, String parameter, String arn) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s", parameter);
    }
    // A topic of another region is not reachable through this region's endpoint.
    if (!isTopicArn(arn) || !ctx.region().equals(region(arn))) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s", parameter);
    }
    return arn;
  }

  /** A subscription ARN, checked for shape; InvalidParameter if malformed or absent. */
  public static String requireSubscriptionArn(String arn) {
    if (arn == null || !SUBSCRIPTION_ARN.matcher(arn).matches()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: SubscriptionArn");
    }
    return arn;
  }

  /** True for a well-formed topic ARN (of any region). */
  public static boolean isTopicArn(String arn) {
    return arn != null && TOPIC_ARN.matcher(arn).matches();
  }

  /** True for a well-formed SQS queue ARN. */
  public static boolean isQueueArn(String arn) {
    return arn != null && QUEUE_ARN.matcher(arn).matches();
  }

  /** True for a well-formed IAM role ARN. */
  public static boolean isRoleArn(String arn) {
    return arn != null && ROLE_ARN.matcher(arn).matches();
  }

  public static AwsException topicNotFound() {
    return AwsException.of(SnsError.NotFound, "Topic does not exist");
  }

  /** The region of an ARN ({@code arn:aws:service:region:account:resource}), or null. */
  public static String region(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[3] : null;
  }

  /** The account of an ARN, or null. */
  public static String account(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[4] : null;
  }

  /** The resource part of an ARN (after the account), or null. */
  public static String resource(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[5] : null;
  }
}

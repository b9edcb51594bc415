package io.sluice.sns.model;

import java.util.Map;

/**
 * A subscription as stored. {@code confirmationToken} is set while the subscription waits for
 * confirmation (http, https, email, email-json, and sqs/lambda endpoints in other accounts) and
 * cleared when it is confirmed. {@code attributes} hold the settable attributes by AWS name.
 * {@code authenticateOnUnsubscribe} is set by a signed ConfirmSubscription with
 * AuthenticateOnUnsubscribe=true: only signed requests may then unsubscribe.
 */
public record SubscriptionRecord(String arn, String topicArn, String owner, String protocol, String endpoint,
                                 Map<String, String> attributes, String confirmationToken,
                                 boolean confirmationWasAuthenticated, long createdMillis,
                                 boolean authenticateOnUnsubscribe) {

  public SubscriptionRecord {
    attributes = Map.copyOf(attributes);
  }

  /** A subscription that anyone may unsubscribe (through its UnsubscribeURL too). */
  public SubscriptionRecord(String arn, String topicArn, String owner, String protocol, String endpoint,
                            Map<String, String> attributes, String confirmationToken,
                            boolean confirmationWasAuthenticated, long createdMillis) {
    this(arn, topicArn, owner, protocol, endpoint, attributes, confirmationToken, confirmationWasAuthenticated,
        createdMillis, false);
  }

  public boolean pendingConfirmation() {
    return confirmationToken != null;
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public boolean rawMessageDelivery() {
    return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
  }

  public SubscriptionRecord withAttributes(Map<String, String> newAttributes) {
    return new SubscriptionRecord(arn, topicArn, owner, protocol, endpoint, newAttributes, confirmationToken,
        confirmationWasAuthenticated, createdMillis, authenticateOnUnsubscribe);
  }

  public SubscriptionRecord confirmed(boolean authenticated) {
    return confirmed(authenticated, false);
  }

  /** Confirmed; {@code unsubscribeNeedsSignature} protects it from unsigned Unsubscribe calls. */
  public SubscriptionRecord confirmed(boolean authenticated, boolean unsubscribeNeedsSignature) {
    return new SubscriptionRecord(arn, topicArn, owner, protocol, endpoint, attributes, null,
        authenticated, createdMillis, unsubscribeNeedsSignature);
  }

  /** The topic ARN a subscription ARN belongs to ({@code <topicArn>:<uuid>}); null if malformed. */
  public static String topicArnOf(String subscriptionArn) {
    int colon = subscriptionArn == null ? -1 : subscriptionArn.lastIndexOf(':');
    return colon <= 0 ? null : subscriptionArn.substring(0, colon);
  }
}

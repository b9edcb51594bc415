package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.testing.MemorySns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConfirmSubscription and Unsubscribe on the in-memory store. */
class ConfirmSubscriptionTest {
  private static final String HOOK = "https://example.com/hook";

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private String pendingToken() {
    sns.subscribe(topic, "https", HOOK, null);
    return sns.subscription(topic, HOOK).confirmationToken();
  }

  private Map<String, String> attributes(String subscriptionArn) {
    return sns.call(GetSubscriptionAttributes::new, new GetSubscriptionAttributes.Request(subscriptionArn))
        .attributes();
  }

  @Test
  void theTokenConfirmsThePendingSubscription() {
    // Given a pending subscription
    String token = pendingToken();

    // When it is confirmed with its token
    String arn = sns.call(ConfirmSubscription::new, new ConfirmSubscription.Request(topic, token, null))
        .subscriptionArn();

    // Then it is confirmed, not authenticated, and listed with its ARN
    Map<String, String> attributes = attributes(arn);
    assertEquals("false", attributes.get("PendingConfirmation"));
    assertEquals("false", attributes.get("ConfirmationWasAuthenticated"));
    assertEquals(arn, sns.call(ListSubscriptionsByTopic::new, new ListSubscriptionsByTopic.Request(topic, null))
        .subscriptions().get(0).subscriptionArn());
  }

  @Test
  void anUnknownOrMissingTokenIsInvalidParameter() {
    pendingToken();
    assertEquals("InvalidParameter", sns.errorCode(ConfirmSubscription::new,
        new ConfirmSubscription.Request(topic, "not-the-token", null)));
    assertEquals("InvalidParameter", sns.errorCode(ConfirmSubscription::new,
        new ConfirmSubscription.Request(topic, "", null)));
    assertEquals("NotFound", sns.errorCode(ConfirmSubscription::new,
        new ConfirmSubscription.Request(MemorySns.topicArn("nope"), "token", null)));
  }

  @Test
  void aSignedConfirmationWithAuthenticateOnUnsubscribeMakesUnsubscribeNeedASignature() {
    // Given a subscription confirmed by a signed call asking for authenticated unsubscribes
    String arn = sns.call(ConfirmSubscription::new, new ConfirmSubscription.Request(topic, pendingToken(), "true"))
        .subscriptionArn();
    assertEquals("true", attributes(arn).get("ConfirmationWasAuthenticated"));

    // When an unsigned request (the UnsubscribeURL) unsubscribes, Then AuthorizationError
    assertEquals("AuthorizationError", sns.errorCode(sns.context(""), Unsubscribe::new,
        new Unsubscribe.Request(arn)));

    // And a signed one may
    sns.call(Unsubscribe::new, new Unsubscribe.Request(arn));
    assertEquals("NotFound", sns.errorCode(GetSubscriptionAttributes::new,
        new GetSubscriptionAttributes.Request(arn)));
  }

  @Test
  void anUnsignedConfirmationIsNeverAuthenticated() {
    // When the SubscribeURL (unsigned) confirms with AuthenticateOnUnsubscribe
    String arn = sns.call(sns.context(""), ConfirmSubscription::new,
        new ConfirmSubscription.Request(topic, pendingToken(), "true")).subscriptionArn();

    // Then the confirmation is not authenticated and the UnsubscribeURL works
    assertEquals("false", attributes(arn).get("ConfirmationWasAuthenticated"));
    sns.call(sns.context(""), Unsubscribe::new, new Unsubscribe.Request(arn));
  }

  @Test
  void unsubscribingIsIdempotentAndLeavesOtherSubscriptions() {
    // Given two subscriptions
    String first = sns.subscribe(topic, "sqs", MemorySns.queueArn("a"), null);
    sns.subscribe(topic, "sqs", MemorySns.queueArn("b"), null);

    // When the first is unsubscribed twice, Then both calls succeed and the second subscription stays
    sns.call(Unsubscribe::new, new Unsubscribe.Request(first));
    sns.call(Unsubscribe::new, new Unsubscribe.Request(first));
    SubscriptionRecord left = sns.subscription(topic, MemorySns.queueArn("b"));
    assertTrue(!left.pendingConfirmation());
    assertEquals("InvalidParameter", sns.errorCode(Unsubscribe::new, new Unsubscribe.Request("not-an-arn")));
  }
}

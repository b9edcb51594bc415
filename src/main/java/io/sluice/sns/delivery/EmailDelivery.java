package io.sluice.sns.delivery;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.vertx.core.Future;

/** Delivers to email and email-json subscriptions through the configured SMTP server. */
public final class EmailDelivery implements ProtocolDelivery {

  @Override
  public Future<Void> deliver(Attempt attempt) {
    return Future.failedFuture(new DeliveryFailure(true, "SmtpUnavailable", "email delivery is being built"));
  }

  /** Sends the confirmation mail of a pending email subscription. */
  public Future<Void> sendConfirmation(TopicRecord topic, SubscriptionRecord s, String subscribeUrl, String json) {
    return Future.failedFuture(new DeliveryFailure(true, "SmtpUnavailable", "email delivery is being built"));
  }
}

package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.bus.ServiceClient;
import io.sluice.ids.RandomIds;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.InstantSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the messages of a subscription's life: the SubscriptionConfirmation a pending subscription
 * is asked to confirm with (http/s: a POST; sqs of another account: a queue message; email: a
 * mail), and the UnsubscribeConfirmation an http/s endpoint gets after Unsubscribe. These are
 * attempted a few times at once and not kept for later (a pending subscription can be confirmed
 * through the API with the token from GetSubscriptionAttributes-less tooling, or resubscribed).
 */
public final class Confirmations {
  private static final Logger LOG = Logger.getLogger(Confirmations.class.getName());
  private static final int ATTEMPTS = 3;

  private final HttpDelivery http;
  private final ServiceClient services;
  private final NotificationBodies bodies;
  private final EmailDelivery email;
  private final InstantSource clock;

  public Confirmations(HttpDelivery http, ServiceClient services, NotificationBodies bodies, EmailDelivery email,
                       InstantSource clock) {
    this.http = http;
    this.services = services;
    this.bodies = bodies;
    this.email = email;
    this.clock = clock;
  }

  /** Asks the endpoint of a pending subscription to confirm it. */
  public Future<Void> requestConfirmation(TopicRecord topic, SubscriptionRecord s, String baseUrl) {
    return bodies.ready().compose(v -> sendConfirmation(topic, s, baseUrl));
  }

  private Future<Void> sendConfirmation(TopicRecord topic, SubscriptionRecord s, String baseUrl) {
    String messageId = RandomIds.uuid();
    Instant now = clock.instant();
    Future<Void> sent = switch (s.protocol()) {
      case "http", "https" -> {
        String body = bodies.subscriptionConfirmation(topic, s, messageId, baseUrl, now);
        yield withRetries(() -> http.post(s.endpoint(), headers("SubscriptionConfirmation", messageId, topic, null),
            body), ATTEMPTS);
      }
      case "sqs" -> {
        ObjectNode params = SqsRequests.sendMessage(s.endpoint(),
            bodies.subscriptionConfirmation(topic, s, messageId, baseUrl, now), null, null);
        yield SqsRequests.send(services, topic, s.endpoint(), params).mapEmpty();
      }
      case "email", "email-json" -> email.sendConfirmation(topic, s,
          NotificationBodies.subscribeUrl(baseUrl, topic.arn(), s.confirmationToken()),
          bodies.subscriptionConfirmation(topic, s, messageId, baseUrl, now));
      default -> Future.succeededFuture();
    };
    return sent.recover(t -> {
      LOG.log(Level.INFO, "SubscriptionConfirmation to " + s.endpoint() + " failed: " + t.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Tells an http/s endpoint that its subscription was deleted. */
  public Future<Void> confirmUnsubscribe(TopicRecord topic, SubscriptionRecord s, String baseUrl) {
    if (!s.protocol().equals("http") && !s.protocol().equals("https")) {
      return Future.succeededFuture();
    }
    String messageId = RandomIds.uuid();
    String token = RandomIds.uuid().replace("-", "") + RandomIds.uuid().replace("-", "");
    return bodies.ready()
        .compose(v -> http.post(s.endpoint(), headers("UnsubscribeConfirmation", messageId, topic, s.arn()),
            bodies.unsubscribeConfirmation(topic, token, messageId, baseUrl, clock.instant())))
        .recover(t -> Future.succeededFuture());
  }

  private static MultiMap headers(String type, String messageId, TopicRecord topic, String subscriptionArn) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("x-amz-sns-message-type", type)
        .add("x-amz-sns-message-id", messageId)
        .add("x-amz-sns-topic-arn", topic.arn())
        .add("Content-Type", EffectiveDeliveryPolicy.DEFAULT_CONTENT_TYPE);
    if (subscriptionArn != null) {
      headers.add("x-amz-sns-subscription-arn", subscriptionArn);
    }
    return headers;
  }

  private static Future<Void> withRetries(java.util.function.Supplier<Future<Void>> send, int attempts) {
    return send.get().recover(t -> attempts > 1 && !(t instanceof DeliveryFailure f && !f.retryable())
        ? withRetries(send, attempts - 1) : Future.failedFuture(t));
  }
}

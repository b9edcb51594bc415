package io.sluice.sns.delivery;

import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.signing.SignatureVersion;
import io.sluice.sns.signing.SnsEnvelope;
import io.sluice.sns.signing.SnsEnvelope.Attribute;
import io.sluice.sns.signing.SnsEnvelope.Fields;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies SNS sends to subscribers, signed by {@link SnsEnvelope}: notifications (or the bare
 * message when the subscription asks for raw delivery) and the subscription and unsubscribe
 * confirmations, with SigningCertURL, SubscribeURL and UnsubscribeURL pointing at Sluice.
 */
public final class NotificationBodies {

  /** Path of the signing certificate on Sluice's endpoint. */
  public static final String CERT_PATH = "/_sluice/sns/SimpleNotificationService.pem";

  private final Future<SnsEnvelope> envelope;

  /**
   * @param envelope the signer, once the signing keys are loaded (or generated): every method but
   *                 {@link #ready} may be called only after it completed
   */
  public NotificationBodies(Future<SnsEnvelope> envelope) {
    this.envelope = envelope;
  }

  /** Completes when messages can be signed. */
  public Future<Void> ready() {
    return envelope.mapEmpty();
  }

  private SnsEnvelope envelope() {
    if (!envelope.succeeded()) {
      throw new IllegalStateException("SNS signing keys are not loaded", envelope.cause());
    }
    return envelope.result();
  }

  /** What a subscription receives for this attempt. */
  public String bodyFor(Attempt attempt) {
    if (attempt.subscription().rawMessageDelivery()) {
      return attempt.message().messageFor(attempt.subscription().protocol());
    }
    return notification(attempt);
  }

  /** The signed {@code Notification} JSON document. */
  public String notification(Attempt attempt) {
    PublishedMessage m = attempt.message();
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, MessageAttribute> e : deliveredAttributes(m).entrySet()) {
      MessageAttribute a = e.getValue();
      attributes.put(e.getKey(), a.isBinary() ? Attribute.binary(a.dataType(), a.binaryValue())
          : Attribute.string(a.dataType(), a.stringValue()));
    }
    Fields fields = Fields.notification(m.messageId(), m.topicArn(), m.subject(),
        m.messageFor(attempt.subscription().protocol()), Instant.ofEpochMilli(m.timestamp()),
        unsubscribeUrl(m.endpointBase(), attempt.subscription().arn()), attributes);
    if (attempt.sequenceNumber() != null) {
      fields = fields.withSequenceNumber(attempt.sequenceNumber());
    }
    return envelope().toJson(fields, version(attempt.topic()), m.endpointBase() + CERT_PATH);
  }

  /** The signed {@code SubscriptionConfirmation} for a pending subscription. */
  public String subscriptionConfirmation(TopicRecord topic, SubscriptionRecord s, String messageId, String baseUrl,
                                         Instant now) {
    String message = "You have chosen to subscribe to the topic " + topic.arn()
        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
    Fields fields = Fields.subscriptionConfirmation(messageId, s.confirmationToken(), topic.arn(), message,
        subscribeUrl(baseUrl, topic.arn(), s.confirmationToken()), now);
    return envelope().toJson(fields, version(topic), baseUrl + CERT_PATH);
  }

  /** The signed {@code UnsubscribeConfirmation} sent after an http/s subscription is deleted. */
  public String unsubscribeConfirmation(TopicRecord topic, String token, String messageId, String baseUrl,
                                        Instant now) {
    String message = "You have chosen to deactivate subscription to the topic " + topic.arn()
        + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
    Fields fields = Fields.unsubscribeConfirmation(messageId, token, topic.arn(), message,
        subscribeUrl(baseUrl, topic.arn(), token), now);
    return envelope().toJson(fields, version(topic), baseUrl + CERT_PATH);
  }

  /**
   * The attributes a subscriber is sent: none for a {@code MessageStructure=json} message ("Amazon
   * SNS message attributes": they are sent only when the message structure is String). Filter
   * policies still see them.
   */
  public static Map<String, MessageAttribute> deliveredAttributes(PublishedMessage m) {
    return m.structured() ? Map.of() : m.attributes();
  }

  public static String subscribeUrl(String baseUrl, String topicArn, String token) {
    return baseUrl + "/?Action=ConfirmSubscription&TopicArn=" + URLEncoder.encode(topicArn, StandardCharsets.UTF_8)
        + "&Token=" + token;
  }

  public static String unsubscribeUrl(String baseUrl, String subscriptionArn) {
    return baseUrl + "/?Action=Unsubscribe&SubscriptionArn=" + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8);
  }

  private static SignatureVersion version(TopicRecord topic) {
    return SignatureVersion.fromWire(topic.attributes().getOrDefault("SignatureVersion", "1"));
  }
}

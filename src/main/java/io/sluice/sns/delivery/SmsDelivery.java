package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.OptOuts;
import io.sluice.sns.PhoneNumbers;
import io.sluice.sns.SmsSettings;
import io.sluice.sns.model.MessageAttribute;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers text messages (protocol {@code sms}, and Publish with a PhoneNumber): the configured
 * {@code sns.sms-webhook} gets a POST of {@code {"phoneNumber","message","messageId","senderId","smsType"}};
 * without one the message is kept in the {@link Outbox}. The sender id and type come from the message
 * attributes {@code AWS.SNS.SMS.SenderID} and {@code AWS.SNS.SMS.SMSType}, else the account's SMS
 * settings (DefaultSenderID, DefaultSMSType; Promotional when unset). Numbers opted out of the
 * account's SMS are not sent to: AWS drops those messages.
 */
public final class SmsDelivery implements ProtocolDelivery {
  private static final Logger LOG = Logger.getLogger(SmsDelivery.class.getName());

  private final SmsSettings settings;
  private final OptOuts optOuts;
  private final Optional<String> webhook;
  private final HttpDelivery http;
  private final Outbox outbox;

  public SmsDelivery(SmsSettings settings, OptOuts optOuts, Optional<String> webhook, HttpDelivery http, Outbox outbox) {
    this.settings = settings;
    this.optOuts = optOuts;
    this.webhook = webhook;
    this.http = http;
    this.outbox = outbox;
  }

  /** A topic's message to an SMS subscription, sent with the settings of the topic's account. */
  @Override
  public Future<Void> deliver(Attempt attempt) {
    Optional<String> number = PhoneNumbers.e164(attempt.subscription().endpoint());
    if (number.isEmpty()) {
      return Future.failedFuture(new DeliveryFailure(false, "InvalidPhoneNumber",
          "not a phone number: " + attempt.subscription().endpoint()));
    }
    return send(attempt.topic().region(), attempt.topic().account(), number.get(), attempt.message().messageId(),
        attempt.message().messageFor("sms"), attempt.message().attributes());
  }

  /**
   * Sends one text to an E.164 number for an account in a region; succeeds without sending when the
   * number is opted out.
   */
  public Future<Void> send(String region, String account, String phoneNumber, String messageId, String message,
                           Map<String, MessageAttribute> attributes) {
    return Future.fromCompletionStage(optOuts.isOptedOut(region, account, phoneNumber)).compose(optedOut -> {
      if (optedOut) {
        LOG.log(Level.FINE, () -> "SMS " + messageId + " to opted-out " + phoneNumber + " dropped");
        return Future.succeededFuture();
      }
      return Future.fromCompletionStage(settings.get(region, account)).compose(defaults -> {
        String senderId = attribute(attributes, "AWS.SNS.SMS.SenderID", defaults.get("DefaultSenderID"));
        String smsType = attribute(attributes, "AWS.SNS.SMS.SMSType", defaults.getOrDefault("DefaultSMSType", "Promotional"));
        if (webhook.isEmpty()) {
          Map<String, String> details = new HashMap<>();
          details.put("smsType", smsType);
          if (senderId != null) {
            details.put("senderId", senderId);
          }
          return outbox.add(account, "sms", phoneNumber, messageId, message, details);
        }
        ObjectNode body = JsonCodec.json().createObjectNode()
            .put("phoneNumber", phoneNumber)
            .put("message", message)
            .put("messageId", messageId)
            .put("senderId", senderId)
            .put("smsType", smsType);
        return http.post(webhook.get(), ApplicationDelivery.jsonHeaders(messageId), body.toString());
      });
    });
  }

  private static String attribute(Map<String, MessageAttribute> attributes, String name, String otherwise) {
    MessageAttribute a = attributes.get(name);
    return a != null && !a.isBinary() && a.stringValue() != null ? a.stringValue() : otherwise;
  }
}

package io.sluice.sns.delivery;

import io.sluice.protocol.JsonCodec;
import io.sluice.sns.SnsConfig.SmtpConfig;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivers to email and email-json subscriptions through the configured SMTP server, shaped as AWS
 * sends them (SNS Developer Guide, "Amazon SNS email notifications"): {@code email} gets the
 * message for its protocol as plain text with an unsubscribe link below it, {@code email-json} the
 * signed JSON notification; the subject is the publish's Subject, else {@value #DEFAULT_SUBJECT}; the
 * sender is {@code smtp.from}, named after the topic's DisplayName when it has one. The confirmation
 * mail of a pending subscription carries the SubscribeURL (email) or the SubscriptionConfirmation
 * document (email-json).
 *
 * <p>Without an SMTP host the mails are kept in the {@link Outbox} and count as delivered. SMTP
 * failures are retried, except a permanent (5xx) refusal of the recipient address, which a retry
 * cannot fix.
 */
public final class EmailDelivery implements ProtocolDelivery {
  /** The subject of a notification published without one. */
  public static final String DEFAULT_SUBJECT = "AWS Notification Message";
  /** The subject of the mail asking to confirm a subscription. */
  public static final String CONFIRMATION_SUBJECT = "AWS Notification - Subscription Confirmation";
  private static final long SEND_TIMEOUT_MS = 30_000;

  private final SmtpConfig smtp;
  private final NotificationBodies bodies;
  private final Outbox outbox;
  /** Null when no SMTP host is configured: mails go to the outbox. */
  private final MailClient client;

  public EmailDelivery(Vertx vertx, SmtpConfig smtp, NotificationBodies bodies, Outbox outbox) {
    this.smtp = smtp;
    this.bodies = bodies;
    this.outbox = outbox;
    this.client = smtp.host() == null || smtp.host().isBlank() ? null : MailClient.create(vertx, mailConfig(smtp));
  }

  private static MailConfig mailConfig(SmtpConfig smtp) {
    boolean login = smtp.username() != null && !smtp.username().isEmpty();
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(smtp.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
        .setLogin(login ? LoginOption.REQUIRED : LoginOption.DISABLED)
        .setKeepAlive(true)
        .setMaxPoolSize(4)
        .setConnectTimeout(10_000);
    if (login) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    return config;
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    SubscriptionRecord s = attempt.subscription();
    String subject = attempt.message().subject() != null ? attempt.message().subject() : DEFAULT_SUBJECT;
    String text = s.protocol().equals("email-json") ? bodies.notification(attempt)
        : notificationText(attempt.message().messageFor("email"),
            NotificationBodies.unsubscribeUrl(attempt.message().endpointBase(), s.arn()));
    return send(attempt.topic(), s, attempt.message().messageId(), subject, text);
  }

  /** Sends the confirmation mail of a pending email subscription. */
  public Future<Void> sendConfirmation(TopicRecord topic, SubscriptionRecord s, String subscribeUrl, String json) {
    String text = s.protocol().equals("email-json") ? json : confirmationText(topic.arn(), subscribeUrl);
    return send(topic, s, messageIdOf(json), CONFIRMATION_SUBJECT, text);
  }

  /** Closes the SMTP connections. */
  public void close() {
    if (client != null) {
      client.close();
    }
  }

  private Future<Void> send(TopicRecord topic, SubscriptionRecord s, String messageId, String subject, String text) {
    String from = sender(topic.attribute("DisplayName"), smtp.from());
    if (client == null) {
      return outbox.add(topic.account(), s.protocol(), s.endpoint(), messageId, text,
          Map.of("subject", subject, "to", s.endpoint(), "from", from));
    }
    MailMessage mail = new MailMessage().setFrom(from).setTo(s.endpoint()).setSubject(subject).setText(text);
    return client.sendMail(mail)
        .timeout(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(t -> Future.failedFuture(failure(t, s.endpoint())));
  }

  /** The body of an {@code email} notification: the message, then how to unsubscribe. */
  static String notificationText(String message, String unsubscribeUrl) {
    return message + "\n\n--\nTo stop receiving notifications from this topic, visit this link to unsubscribe:\n"
        + unsubscribeUrl + "\n";
  }

  /** The body of an {@code email} subscription's confirmation mail. */
  static String confirmationText(String topicArn, String subscribeUrl) {
    return "You have chosen to subscribe to the topic:\n" + topicArn
        + "\n\nTo confirm this subscription, visit the link below (if this was in error, no action is needed):\n"
        + subscribeUrl + "\n";
  }

  /** {@code from}, named after the topic's DisplayName when it has one. */
  static String sender(String displayName, String from) {
    if (displayName == null || displayName.isBlank()) {
      return from;
    }
    // Characters that would end the name or the header early are dropped.
    String name = displayName.replaceAll("[\"<>\\\\\r\n]", "").trim();
    return name.isEmpty() ? from : name + " <" + from + ">";
  }

  private static DeliveryFailure failure(Throwable t, String address) {
    // Only the refusal of the recipient is permanent; a refused sender or message is the SMTP
    // server's setup, which may be fixed while SNS retries.
    if (t instanceof SMTPException e && e.isPermanent()
        && String.valueOf(e.getMessage()).startsWith("recipient address not accepted")) {
      return new DeliveryFailure(false, "SmtpStatus" + e.getReplyCode(),
          "the SMTP server refused the recipient " + address + ": " + e.getReplyMessage());
    }
    String code = t instanceof SMTPException e ? "SmtpStatus" + e.getReplyCode() : "SmtpFailure";
    return new DeliveryFailure(true, code, "email delivery to " + address + " failed: " + t.getMessage());
  }

  private static String messageIdOf(String json) {
    try {
      return JsonCodec.json().readTree(json).path("MessageId").asText("");
    } catch (IOException e) {
      return "";
    }
  }
}

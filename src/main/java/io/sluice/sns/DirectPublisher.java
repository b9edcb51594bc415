package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.delivery.ApplicationDelivery;
import io.sluice.sns.delivery.SmsDelivery;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import io.sluice.sns.model.PublishedMessage;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publish without a topic: to a platform endpoint (TargetArn) or to a phone number (PhoneNumber).
 * Such a message has no subscription, so it does not go through the store's outbox of deliveries:
 * it is sent at once by the protocol's own delivery ({@link ApplicationDelivery}, {@link SmsDelivery}),
 * in one attempt, and Publish answers its message id when that attempt is over (so a test sees the
 * message in the webhook or outbox as soon as Publish returns). A failed attempt (the webhook is
 * down) is logged and not retried; like AWS, Publish still answers with the id of the accepted
 * message.
 */
public final class DirectPublisher {
  private static final Logger LOG = Logger.getLogger(DirectPublisher.class.getName());
  /** The most an SMS Publish may carry (see Publish in the API reference). */
  public static final int MAX_SMS_CHARACTERS = 1600;

  private final SnsServices sns;
  private final Publisher publisher;
  private final PlatformApplications platforms;

  public DirectPublisher(SnsServices sns, Publisher publisher) {
    this.sns = sns;
    this.publisher = publisher;
    this.platforms = new PlatformApplications(sns.documents());
  }

  /**
   * Sends to an endpoint. InvalidParameter if there is no such endpoint; EndpointDisabled or
   * PlatformApplicationDisabled if it or its application is disabled.
   */
  public CompletionStage<String> toEndpoint(RequestContext ctx, String endpointArn, Publisher.Draft draft) {
    String arn = PlatformApplications.requireEndpointArn(ctx, "TargetArn", endpointArn);
    PublishedMessage message = publisher.prepare(ctx, null, null, draft, sns.clock().millis(),
        PlatformApplications.platformOf(arn));
    CompletionStage<Optional<PlatformEndpointRecord>> found = PlatformApplications.owned(ctx, arn)
        ? platforms.findEndpoint(arn) : CompletableFuture.completedFuture(Optional.empty());
    return found.thenApply(e -> e.orElseThrow(DirectPublisher::noEndpoint))
        .thenCompose(endpoint -> platforms.findApplication(endpoint.applicationArn())
            .thenCompose(app -> push(app.orElseThrow(DirectPublisher::noEndpoint), endpoint, message)));
  }

  private CompletionStage<String> push(PlatformApplicationRecord app, PlatformEndpointRecord endpoint,
                                       PublishedMessage message) {
    if (!app.enabled()) {
      throw AwsException.of(SnsError.PlatformApplicationDisabled, "Platform application is disabled");
    }
    if (!endpoint.enabled()) {
      throw AwsException.of(SnsError.EndpointDisabled, "Endpoint is disabled");
    }
    ApplicationDelivery delivery = sns.deliveries().protocol("application", ApplicationDelivery.class);
    return sent(delivery.push(app, endpoint, message), message, endpoint.arn());
  }

  /** Sends a text; InvalidParameter if the number is not E.164 or the text is over 1600 characters. */
  public CompletionStage<String> toPhone(RequestContext ctx, String phoneNumber, Publisher.Draft draft) {
    String number = PhoneNumbers.e164(phoneNumber).orElseThrow(() -> AwsException.of(SnsError.InvalidParameter,
        "Invalid parameter: PhoneNumber Reason: %s is not valid to publish to", phoneNumber));
    PublishedMessage message = publisher.prepare(ctx, null, null, draft, sns.clock().millis());
    String text = message.messageFor("sms");
    if (text.length() > MAX_SMS_CHARACTERS) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Message Reason: Message too long");
    }
    SmsDelivery delivery = sns.deliveries().protocol("sms", SmsDelivery.class);
    return sent(delivery.send(ctx.region(), ctx.account(), number, message.messageId(), text, message.attributes()),
        message, number);
  }

  private static CompletionStage<String> sent(Future<Void> attempt, PublishedMessage message, String target) {
    return attempt.otherwise(t -> {
      LOG.log(Level.WARNING, "SNS message " + message.messageId() + " to " + target + " was not delivered", t);
      return null;
    }).map(v -> message.messageId()).toCompletionStage();
  }

  private static AwsException noEndpoint() {
    return AwsException.of(SnsError.InvalidParameter,
        "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
  }
}

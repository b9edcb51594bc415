package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import io.sluice.sns.model.PublishedMessage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers to platform endpoints (protocol {@code application}): the push service of the
 * endpoint's platform is the webhook configured for it ({@code sns.platform-webhooks}), which gets a
 * POST of {@code {"endpointArn","token","platform","messageId","message","messageAttributes"}};
 * platforms without a webhook keep their deliveries in the {@link Outbox}. The message is the
 * platform's own entry of a {@code MessageStructure=json} message (e.g. {@code GCM}), else its
 * default. A deleted or disabled endpoint, or a disabled application, fails the delivery for good;
 * so does a push the webhook refuses (3xx/4xx), which also disables the endpoint.
 */
public final class ApplicationDelivery implements ProtocolDelivery {
  private final PlatformApplications platforms;
  private final Map<String, String> webhooks;
  private final HttpDelivery http;
  private final Outbox outbox;

  public ApplicationDelivery(PlatformApplications platforms, Map<String, String> webhooks, HttpDelivery http,
                             Outbox outbox) {
    this.platforms = platforms;
    this.webhooks = Map.copyOf(webhooks);
    this.http = http;
    this.outbox = outbox;
  }

  /** A topic's message to a subscribed endpoint. */
  @Override
  public Future<Void> deliver(Attempt attempt) {
    String endpointArn = attempt.subscription().endpoint();
    return Future.fromCompletionStage(platforms.findEndpoint(endpointArn)).compose(endpoint -> {
      if (endpoint.isEmpty()) {
        return Future.failedFuture(new DeliveryFailure(false, "EndpointNotFound", "endpoint " + endpointArn + " was deleted"));
      }
      return Future.fromCompletionStage(platforms.findApplication(endpoint.get().applicationArn()))
          .compose(app -> pushIfEnabled(app, endpoint.get(), attempt.message()));
    });
  }

  private Future<Void> pushIfEnabled(Optional<PlatformApplicationRecord> app, PlatformEndpointRecord endpoint,
                            PublishedMessage message) {
    if (app.isEmpty()) {
      return Future.failedFuture(new DeliveryFailure(false, "PlatformApplicationNotFound",
          "the application of " + endpoint.arn() + " was deleted"));
    }
    if (!app.get().enabled()) {
      return Future.failedFuture(new DeliveryFailure(false, "PlatformApplicationDisabled", "Platform application is disabled"));
    }
    if (!endpoint.enabled()) {
      return Future.failedFuture(new DeliveryFailure(false, "EndpointDisabled", "Endpoint is disabled"));
    }
    return push(app.get(), endpoint, message);
  }

  /** Sends one message to an endpoint (enabled, of an enabled application) through its platform. */
  public Future<Void> push(PlatformApplicationRecord app, PlatformEndpointRecord endpoint, PublishedMessage message) {
    String platform = app.platform();
    String text = message.messageFor(platform);
    String webhook = webhooks.get(platform);
    if (webhook == null) {
      return outbox.add(endpoint.arn().split(":")[4], "application", endpoint.arn(), message.messageId(), text,
          Map.of("platform", platform, "token", endpoint.token()));
    }
    ObjectNode body = JsonCodec.json().createObjectNode()
        .put("endpointArn", endpoint.arn())
        .put("token", endpoint.token())
        .put("platform", platform)
        .put("messageId", message.messageId())
        .put("message", text);
    body.set("messageAttributes", attributes(message.attributes()));
    return http.post(webhook, jsonHeaders(message.messageId()), body.toString())
        .recover(t -> t instanceof DeliveryFailure f && !f.retryable() ? disable(endpoint, f) : Future.failedFuture(t));
  }

  /**
   * A push service that refuses a message for good (the webhook answered 3xx/4xx, as FCM and APNs
   * answer for a token that is no longer registered) has SNS disable the endpoint: "Amazon SNS will
   * set this to false when a notification service indicates to Amazon SNS that the endpoint is
   * invalid" (SetEndpointAttributes). The app re-enables it after updating the token.
   */
  private Future<Void> disable(PlatformEndpointRecord endpoint, DeliveryFailure cause) {
    return Future.fromCompletionStage(platforms.changeEndpointAttributes(endpoint.arn(), Map.of("Enabled", "false")))
        .transform(ignored -> Future.failedFuture(cause));
  }

  /** Message attributes as the SNS JSON envelope writes them: name → {@code {"Type","Value"}}. */
  static ObjectNode attributes(Map<String, MessageAttribute> attributes) {
    ObjectNode out = JsonCodec.json().createObjectNode();
    attributes.forEach((name, a) -> out.putObject(name).put("Type", a.dataType())
        .put("Value", a.isBinary() ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue()));
    return out;
  }

  static MultiMap jsonHeaders(String messageId) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json; charset=UTF-8")
        .add("x-amz-sns-message-id", messageId);
  }
}

package io.sluice.sns.op;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.SubscriptionAttributes;
import io.sluice.sns.SubscriptionEndpoints;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Subscribe: subscribes an endpoint to a topic. Endpoints that must confirm (http/s, email, queues
 * and functions of other accounts) are sent a SubscriptionConfirmation and answer
 * {@code pending confirmation} unless ReturnSubscriptionArn is true. Subscribing the same protocol
 * and endpoint again answers the existing subscription, or InvalidParameter if the attributes
 * differ.
 */
public final class Subscribe extends SnsOperation<Subscribe.Request, Subscribe.Response> {

  public record Request(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
                        Boolean returnSubscriptionArn) {}

  public record Response(String subscriptionArn) {}

  private final PlatformApplications platforms;

  public Subscribe(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return topic(ctx, req.topicArn()).thenCompose(topic -> {
      SubscriptionEndpoints.validate(req.protocol(), req.endpoint(), topic, sns.config().allowLoopbackHttp());
      Map<String, String> attributes = new LinkedHashMap<>();
      if (req.attributes() != null) {
        for (Map.Entry<String, String> e : req.attributes().entrySet()) {
          attributes.put(e.getKey(), SubscriptionAttributes.validated(e.getKey(), e.getValue(), req.protocol(), topic));
        }
      }
      SubscriptionAttributes.validateTogether(attributes);
      return endpointExists(req).thenCompose(v -> store(ctx, req, topic, attributes));
    });
  }

  private CompletionStage<Response> store(RequestContext ctx, Request req, TopicRecord topic,
                                          Map<String, String> attributes) {
    boolean confirm = SubscriptionEndpoints.needsConfirmation(req.protocol(), req.endpoint(), topic.account(),
        ctx.account());
    String token = confirm ? RandomIds.uuid().replace("-", "") + RandomIds.uuid().replace("-", "") : null;
    // A subscription that needs no confirmation was made by this signed call, so AWS shows
    // ConfirmationWasAuthenticated=true for it (GetSubscriptionAttributes API reference).
    SubscriptionRecord candidate = new SubscriptionRecord(topic.arn() + ":" + RandomIds.uuid(), topic.arn(),
        ctx.account(), req.protocol(), req.endpoint(), attributes, token, !confirm, now());
    return sns.store().subscribe(candidate).thenApply(outcome -> {
      SubscriptionRecord s = outcome.orElseThrow(() -> AwsException.of(SnsError.NotFound, "Topic does not exist"))
          .subscription();
      if (!outcome.get().created()) {
        if (!attributes.isEmpty() && !attributes.equals(s.attributes())) {
          throw AwsException.of(SnsError.InvalidParameter,
              "Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
        }
      } else if (s.pendingConfirmation()) {
        sns.confirmations().requestConfirmation(topic, s, ctx.baseUrl());
      } else {
        replayIfAsked(topic, s);
      }
      boolean showArn = !s.pendingConfirmation() || Boolean.TRUE.equals(req.returnSubscriptionArn());
      return new Response(showArn ? s.arn() : "pending confirmation");
    });
  }

  /** A platform endpoint must exist to be subscribed. */
  private CompletionStage<Void> endpointExists(Request req) {
    if (!req.protocol().equals("application")) {
      return CompletableFuture.completedFuture(null);
    }
    return platforms.findEndpoint(req.endpoint()).thenAccept(e -> {
      if (e.isEmpty()) {
        // AWS's message has no space between "arn" and the ARN.
        throw AwsException.of(SnsError.InvalidParameter,
            "Invalid parameter: Endpoint Reason: Endpoint does not exist for endpoint arn%s", req.endpoint());
      }
    });
  }

  private void replayIfAsked(TopicRecord topic, SubscriptionRecord s) {
    String replay = s.attribute("ReplayPolicy");
    if (replay != null && !replay.isEmpty()) {
      sns.deliveries().replay(topic, s);
    }
  }
}

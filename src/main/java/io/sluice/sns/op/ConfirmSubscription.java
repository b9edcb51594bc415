package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.SubscriptionRecord;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * ConfirmSubscription: confirms the pending subscription the token was sent for (by API call or by
 * fetching the SubscribeURL). {@code AuthenticateOnUnsubscribe=true} on a signed request marks the
 * confirmation as authenticated (an unsigned one, such as the SubscribeURL, never is). An unknown
 * token answers InvalidParameter.
 */
public final class ConfirmSubscription extends SnsOperation<ConfirmSubscription.Request, ConfirmSubscription.Response> {

  public record Request(String topicArn, String token, String authenticateOnUnsubscribe) {}

  public record Response(String subscriptionArn) {}

  public ConfirmSubscription(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.token() == null || req.token().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Token");
    }
    boolean authenticated = "true".equalsIgnoreCase(req.authenticateOnUnsubscribe())
        && ctx.accessKeyId() != null && !ctx.accessKeyId().isEmpty();
    // The token is the authorization: the endpoint's owner confirms, from any account (ConfirmSubscription reference).
    return anyonesTopic(ctx, req.topicArn()).thenCompose(topic -> sns.store().subscriptions(topic.arn())
        .thenCompose(subs -> {
      Optional<SubscriptionRecord> match = subs.stream().filter(s -> req.token().equals(s.confirmationToken())).findFirst();
      if (match.isEmpty()) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid token");
      }
      return sns.store().confirmSubscription(match.get().arn(), authenticated, authenticated).thenApply(updated -> {
        SubscriptionRecord s = updated.orElseThrow(() -> AwsException.of(SnsError.InvalidParameter, "Invalid token"));
        String replay = s.attribute("ReplayPolicy");
        if (replay != null && !replay.isEmpty()) {
          sns.deliveries().replay(topic, s);
        }
        return new Response(s.arn());
      });
    }));
  }
}

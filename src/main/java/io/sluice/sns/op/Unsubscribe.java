package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Unsubscribe: deletes a subscription and its undelivered messages; http/s endpoints are sent an
 * UnsubscribeConfirmation. Idempotent: a well-formed ARN of a subscription that no longer exists
 * succeeds, as AWS answers (the API reference lists NotFound, but AWS does not send it here). An
 * unsigned request (the UnsubscribeURL) for a subscription confirmed with
 * {@code AuthenticateOnUnsubscribe} answers AuthorizationError.
 */
public final class Unsubscribe extends SnsOperation<Unsubscribe.Request, Void> {

  public record Request(String subscriptionArn) {}

  public Unsubscribe(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = SnsArns.requireSubscriptionArn(req.subscriptionArn());
    return sns.store().findSubscription(arn).thenCompose(found -> {
      if (found.isEmpty()) {
        return CompletableFuture.<Void>completedFuture(null);
      }
      SubscriptionRecord s = TopicAccess.requireSubscriber(ctx, action(), found.get());
      if (s.authenticateOnUnsubscribe() && (ctx.accessKeyId() == null || ctx.accessKeyId().isEmpty())) {
        throw AwsException.of(SnsError.AuthorizationError,
            "This subscription requires an authenticated request to unsubscribe");
      }
      return sns.store().deleteSubscription(arn).thenCompose(deleted -> sns.store().findTopic(s.topicArn()))
          .thenApply(topic -> {
            topic.ifPresent(t -> sns.confirmations().confirmUnsubscribe(t, s, ctx.baseUrl()));
            return null;
          });
    });
  }
}

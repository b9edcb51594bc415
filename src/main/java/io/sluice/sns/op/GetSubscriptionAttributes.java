package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.SubscriptionAttributes;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** GetSubscriptionAttributes: a subscription's attributes, with the read-only and effective ones. */
public final class GetSubscriptionAttributes
    extends SnsOperation<GetSubscriptionAttributes.Request, GetSubscriptionAttributes.Response> {

  public record Request(String subscriptionArn) {}

  public record Response(Map<String, String> attributes) {}

  public GetSubscriptionAttributes(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return subscription(ctx, req.subscriptionArn()).thenCompose(s -> sns.store().findTopic(s.topicArn())
        .thenApply(topic -> new Response(SubscriptionAttributes.shown(s, topic.orElse(null)))));
  }
}

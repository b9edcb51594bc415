package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAttributes;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** GetTopicAttributes: the topic's attributes with defaults and the read-only counts. */
public final class GetTopicAttributes extends SnsOperation<GetTopicAttributes.Request, GetTopicAttributes.Response> {

  public record Request(String topicArn) {}

  public record Response(Map<String, String> attributes) {}

  public GetTopicAttributes(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return topic(ctx, req.topicArn()).thenCompose(topic -> sns.store().subscriptions(topic.arn())
        .thenApply(subs -> new Response(TopicAttributes.shown(topic, subs))));
  }
}

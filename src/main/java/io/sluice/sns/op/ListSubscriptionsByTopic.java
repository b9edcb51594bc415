package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.SubscriptionRecord;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListSubscriptionsByTopic: a topic's subscriptions, 100 per page with a NextToken. */
public final class ListSubscriptionsByTopic
    extends SnsOperation<ListSubscriptionsByTopic.Request, ListSubscriptions.Response> {

  public record Request(String topicArn, String nextToken) {}

  public ListSubscriptionsByTopic(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<ListSubscriptions.Response> execute(RequestContext ctx, Request req) {
    return topic(ctx, req.topicArn()).thenCompose(topic -> sns.store().subscriptions(topic.arn()))
        .thenApply(subs -> ListSubscriptions.page(subs.stream()
            .sorted(Comparator.comparing(SubscriptionRecord::arn)).toList(), req.nextToken()));
  }
}

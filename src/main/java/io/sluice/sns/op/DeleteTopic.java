package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import java.util.concurrent.CompletionStage;

/**
 * DeleteTopic: deletes a topic with its subscriptions and undelivered messages. Idempotent:
 * deleting a topic that does not exist succeeds (see the DeleteTopic API reference).
 */
public final class DeleteTopic extends SnsOperation<DeleteTopic.Request, Void> {

  public record Request(String topicArn) {}

  public DeleteTopic(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = SnsArns.requireTopicArn(ctx, "TopicArn", req.topicArn());
    return sns.store().findTopic(arn).thenCompose(found -> {
      found.ifPresent(topic -> TopicAccess.require(ctx, action(), topic));
      return sns.store().deleteTopic(arn);
    }).thenApply(deleted -> null);
  }
}

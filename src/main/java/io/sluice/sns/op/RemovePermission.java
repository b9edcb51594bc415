package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicPolicies;
import java.util.concurrent.CompletionStage;

/**
 * RemovePermission: removes the statement labelled {@code Label} from the topic's policy, if there is
 * one, in one atomic store step.
 */
public final class RemovePermission extends SnsOperation<RemovePermission.Request, Void> {

  public record Request(String topicArn, String label) {}

  public RemovePermission(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = SnsArns.requireTopicArn(ctx, "TopicArn", req.topicArn());
    TopicPolicies.checkLabel(req.label());
    return topic(ctx, arn).thenCompose(topic -> TopicPolicies.remove(sns, arn, req.label()));
  }
}

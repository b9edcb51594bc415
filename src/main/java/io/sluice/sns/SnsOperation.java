package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import java.util.concurrent.CompletionStage;

/** Base of SNS operations: access to {@link SnsServices} and the lookups most actions start with. */
public abstract class SnsOperation<Q, R> implements Operation<Q, R> {
  protected final SnsServices sns;

  protected SnsOperation(SnsServices sns) {
    this.sns = sns;
  }

  /**
   * The topic an ARN names, in the caller's region; NotFound if there is none, AuthorizationError if
   * the caller may not call this action on it.
   */
  protected CompletionStage<TopicRecord> topic(RequestContext ctx, String topicArn) {
    return anyonesTopic(ctx, topicArn).thenApply(t -> TopicAccess.require(ctx, action(), t));
  }

  /** The topic an ARN names, in the caller's region, whoever owns it; NotFound if there is none. */
  protected CompletionStage<TopicRecord> anyonesTopic(RequestContext ctx, String topicArn) {
    String arn = SnsArns.requireTopicArn(ctx, "TopicArn", topicArn);
    return sns.store().findTopic(arn).thenApply(t -> t.orElseThrow(SnsArns::topicNotFound));
  }

  /**
   * The subscription an ARN names; NotFound if there is none, AuthorizationError unless the caller owns
   * it or its topic.
   */
  protected CompletionStage<SubscriptionRecord> subscription(RequestContext ctx, String subscriptionArn) {
    String arn = SnsArns.requireSubscriptionArn(subscriptionArn);
    return sns.store().findSubscription(arn).thenApply(s -> TopicAccess.requireSubscriber(ctx, action(),
        s.orElseThrow(() -> AwsException.of(SnsError.NotFound, "Subscription does not exist"))));
  }

  /** The AWS action this operation implements: its class is named after it. */
  protected String action() {
    return getClass().getSimpleName();
  }

  protected long now() {
    return sns.clock().millis();
  }
}

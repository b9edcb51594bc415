package io.sluice.sqs;

import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import java.util.concurrent.CompletionStage;

/** Base of SQS operations: access to {@link SqsServices} and the lookups every action starts with. */
public abstract class SqsOperation<Q, R> implements Operation<Q, R> {
  protected final SqsServices sqs;

  protected SqsOperation(SqsServices sqs) {
    this.sqs = sqs;
  }

  /**
   * The queue a {@code QueueUrl} names; QueueDoesNotExist if there is none, AccessDenied if the caller
   * may not call this action on it.
   */
  protected CompletionStage<QueueRecord> queue(RequestContext ctx, String queueUrl) {
    return queue(ctx, QueueUrls.resolve(ctx, queueUrl));
  }

  /** The queue {@code id}; QueueDoesNotExist if there is none, AccessDenied if the caller may not call this action. */
  protected CompletionStage<QueueRecord> queue(RequestContext ctx, QueueId id) {
    return sqs.directory().require(id).thenApply(q -> QueueAccess.require(ctx, action(), q));
  }

  /** The id of the queue a {@code QueueUrl} names, for an owner-only action; AccessDenied for another account. */
  protected QueueId ownQueue(RequestContext ctx, String queueUrl) {
    return ownQueue(ctx, QueueUrls.resolve(ctx, queueUrl));
  }

  /** {@code id}, for an owner-only action; AccessDenied for another account's queue. */
  protected QueueId ownQueue(RequestContext ctx, QueueId id) {
    return QueueAccess.requireOwner(ctx, id);
  }

  /** The AWS action this operation implements: its class is named after it. */
  protected String action() {
    return getClass().getSimpleName();
  }

  protected long now() {
    return sqs.clock().millis();
  }
}

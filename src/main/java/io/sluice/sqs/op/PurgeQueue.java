package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import java.util.concurrent.CompletionStage;

/**
 * PurgeQueue: deletes every message of the queue, visible, in flight or delayed, in one atomic store
 * step; the queue and its attributes stay. A second purge less than 60 s after the last one answers
 * PurgeQueueInProgress and deletes nothing.
 */
public final class PurgeQueue extends SqsOperation<PurgeQueue.Request, Void> {

  public record Request(String queueUrl) {}

  public PurgeQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    return queue(ctx, req.queueUrl()).thenCompose(q -> sqs.store().purge(q.id(), now()).thenApply(purged -> {
      if (!purged) {
        throw AwsException.of(SqsError.PurgeQueueInProgress,
            "Only one PurgeQueue operation on %s is allowed every 60 seconds.", q.id().name());
      }
      return null;
    }));
  }
}

package io.sluice.sqs.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import java.util.concurrent.CompletionStage;

/**
 * DeleteQueue: deletes the queue and every message in it, whatever it holds. From then on every
 * operation on it answers QueueDoesNotExist (on every node: the change is announced and long polls
 * waiting on it are woken to find it gone), and for 60 s CreateQueue of the same name answers
 * QueueDeletedRecently. A queue that does not exist answers QueueDoesNotExist.
 */
public final class DeleteQueue extends SqsOperation<DeleteQueue.Request, Void> {

  public record Request(String queueUrl) {}

  public DeleteQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    QueueId id = ownQueue(ctx, req.queueUrl());
    return sqs.store().deleteQueue(id, now()).thenApply(deleted -> {
      sqs.directory().changed(id);
      if (!deleted) {
        throw QueueDirectory.doesNotExist();
      }
      sqs.arrivals().announce(id);
      return null;
    });
  }
}

package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAccess;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import java.util.concurrent.CompletionStage;

/**
 * GetQueueUrl: the URL of a queue of the caller's account and region, or of
 * {@code QueueOwnerAWSAccountId}'s in that region, built on the host the client called.
 * QueueDoesNotExist when there is no such queue.
 */
public final class GetQueueUrl extends SqsOperation<GetQueueUrl.Request, GetQueueUrl.Response> {

  public record Request(String queueName, String queueOwnerAWSAccountId) {}

  public record Response(String queueUrl) {}

  public GetQueueUrl(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.queueName() == null || req.queueName().isEmpty()) {
      throw AwsException.missingParameter("QueueName");
    }
    String account = req.queueOwnerAWSAccountId() == null || req.queueOwnerAWSAccountId().isEmpty()
        ? ctx.account() : req.queueOwnerAWSAccountId();
    QueueId id = new QueueId(ctx.region(), account, req.queueName());
    // Another account's queue that its policy does not share answers as if it did not exist.
    return sqs.directory().require(id).thenApply(q -> {
      if (!QueueAccess.permits(ctx, action(), q)) {
        throw QueueDirectory.doesNotExist();
      }
      return new Response(QueueUrls.urlOf(ctx, id));
    });
  }
}

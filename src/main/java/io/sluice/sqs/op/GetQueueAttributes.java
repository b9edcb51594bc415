package io.sluice.sqs.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetQueueAttributes: the named attributes of a queue, or all of them for {@code All}; no names
 * answer no attributes. Stored attributes are answered only where the queue has them (FIFO ones on
 * FIFO queues, Policy, RedrivePolicy, RedriveAllowPolicy and KMS ones when set); the message counts
 * come from the store at the time of the call, the timestamps are epoch seconds. An unknown name
 * answers InvalidAttributeName.
 */
public final class GetQueueAttributes extends SqsOperation<GetQueueAttributes.Request, GetQueueAttributes.Response> {

  public record Request(String queueUrl, @QueryName("AttributeName") List<String> attributeNames) {}

  /** {@code attributes} is null when none is answered. */
  public record Response(@QueryName("Attribute") Map<String, String> attributes) {}

  public GetQueueAttributes(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    Set<String> names = QueueAttributes.requested(req.attributeNames());
    return queue(ctx, req.queueUrl()).thenCompose(q -> {
      CompletionStage<QueueCounts> counts = QueueAttributes.needsCounts(names)
          ? sqs.store().counts(q.id(), now())
          : CompletableFuture.completedFuture(null);
      return counts.thenApply(c -> {
        Map<String, String> attributes = QueueAttributes.read(q, names, c);
        return new Response(attributes.isEmpty() ? null : attributes);
      });
    });
  }
}

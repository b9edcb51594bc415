package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.RedrivePolicy;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListDeadLetterSourceQueues: the URLs of the queues (of the dead-letter queue's account and region)
 * whose RedrivePolicy names the given queue as dead-letter queue, sorted by name and paged by
 * MaxResults/NextToken (see {@link QueuePages}). QueueDoesNotExist if the queue itself does not exist.
 */
public final class ListDeadLetterSourceQueues
    extends SqsOperation<ListDeadLetterSourceQueues.Request, ListDeadLetterSourceQueues.Response> {

  public record Request(String queueUrl, String nextToken, Integer maxResults) {}

  /** {@code queueUrls} is always present (AWS marks it required), possibly empty. */
  public record Response(@JsonProperty("queueUrls") @QueryName("QueueUrl") List<String> queueUrls, String nextToken) {}

  public ListDeadLetterSourceQueues(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return queue(ctx, req.queueUrl()).thenCompose(dlq -> {
      QueueId target = dlq.id();
      String listing = "ListDeadLetterSourceQueues/" + target.arn();
      return sqs.store().listQueues(target.region(), target.account(), "")
          .thenCompose(ids -> sources(ids, target))
          .thenApply(sources -> {
            QueuePages.Page page = QueuePages.page(sources, listing, req.nextToken(), req.maxResults());
            List<String> urls = page.queues().stream().map(id -> QueueUrls.urlOf(ctx, id)).toList();
            return new Response(urls, page.nextToken());
          });
    });
  }

  /** Those of {@code ids} whose RedrivePolicy targets {@code target}, in the order of {@code ids}. */
  private CompletionStage<List<QueueId>> sources(List<QueueId> ids, QueueId target) {
    List<CompletableFuture<Optional<QueueRecord>>> lookups = ids.stream()
        .map(id -> sqs.directory().find(id).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> lookups.stream()
        .map(CompletableFuture::join)
        .flatMap(Optional::stream)
        .filter(q -> targets(q, target))
        .map(QueueRecord::id)
        .toList());
  }

  private static boolean targets(QueueRecord q, QueueId target) {
    String policy = q.attribute(QueueAttributes.REDRIVE_POLICY);
    return policy != null && target.equals(RedrivePolicy.parse(policy).target());
  }
}

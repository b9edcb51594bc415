package io.sluice.sqs.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListQueues: the URLs of the caller's queues in the request's region, sorted by name, optionally
 * only those whose name starts with {@code QueueNamePrefix}, paged by MaxResults/NextToken (see
 * {@link QueuePages}).
 */
public final class ListQueues extends SqsOperation<ListQueues.Request, ListQueues.Response> {

  public record Request(String queueNamePrefix, String nextToken, Integer maxResults) {}

  /** {@code queueUrls} is null when there is none. */
  public record Response(@QueryName("QueueUrl") List<String> queueUrls, String nextToken) {}

  public ListQueues(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String prefix = req.queueNamePrefix() == null ? "" : req.queueNamePrefix();
    String listing = "ListQueues/" + ctx.region() + "/" + ctx.account() + "/" + prefix;
    return sqs.store().listQueues(ctx.region(), ctx.account(), prefix).thenApply(ids -> {
      QueuePages.Page page = QueuePages.page(ids, listing, req.nextToken(), req.maxResults());
      List<String> urls = page.queues().stream().map(id -> QueueUrls.urlOf(ctx, id)).toList();
      return new Response(urls.isEmpty() ? null : urls, page.nextToken());
    });
  }
}

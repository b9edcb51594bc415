package io.sluice.sqs.op;

import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/** ListQueueTags: every tag of a queue, sorted by key (none: no Tags member). */
public final class ListQueueTags extends SqsOperation<ListQueueTags.Request, ListQueueTags.Response> {

  public record Request(String queueUrl) {}

  public record Response(@QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags) {}

  public ListQueueTags(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return queue(ctx, req.queueUrl()).thenApply(q -> new Response(q.tags().isEmpty() ? null : new TreeMap<>(q.tags())));
  }
}

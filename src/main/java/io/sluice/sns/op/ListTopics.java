package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.Pages;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListTopics: the ARNs of the caller's topics in the region, 100 per page with a NextToken. */
public final class ListTopics extends SnsOperation<ListTopics.Request, ListTopics.Response> {

  public record Request(String nextToken) {}

  public record Topic(String topicArn) {}

  public record Response(List<Topic> topics, String nextToken) {}

  public ListTopics(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return sns.store().listTopics(ctx.region(), ctx.account()).thenApply(arns -> {
      Pages.Page<String> page = Pages.page(arns, req.nextToken(), 100, arn -> arn);
      return new Response(page.items().stream().map(Topic::new).toList(), page.nextToken());
    });
  }
}

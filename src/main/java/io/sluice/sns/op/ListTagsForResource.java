package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import io.sluice.sns.TopicTags;
import io.sluice.sns.model.Tag;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListTagsForResource: a topic's tags. */
public final class ListTagsForResource
    extends SnsOperation<ListTagsForResource.Request, ListTagsForResource.Response> {

  public record Request(String resourceArn) {}

  public record Response(List<Tag> tags) {}

  public ListTagsForResource(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return TaggedTopics.find(sns, TopicAccess.requireOwner(ctx, action(), req.resourceArn()))
        .thenApply(topic -> new Response(TopicTags.asList(topic.tags())));
  }
}

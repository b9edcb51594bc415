package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicTags;
import io.sluice.sns.model.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** TagResource: adds tags to a topic (a tag of an existing key replaces its value); at most 50 tags. */
public final class TagResource extends SnsOperation<TagResource.Request, TagResource.Response> {

  public record Request(String resourceArn, List<Tag> tags) {}

  public record Response() {}

  public TagResource(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    Map<String, String> added = TopicTags.validated(req.tags());
    return TaggedTopics.update(sns, req.resourceArn(), topic -> {
      Map<String, String> tags = new LinkedHashMap<>(topic.tags());
      tags.putAll(added);
      TopicTags.checkCount(tags.size());
      return topic.withTags(tags);
    }).thenApply(t -> new Response());
  }
}

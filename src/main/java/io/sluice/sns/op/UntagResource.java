package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** UntagResource: removes the tags of the given keys from a topic (absent keys are ignored). */
public final class UntagResource extends SnsOperation<UntagResource.Request, UntagResource.Response> {

  public record Request(String resourceArn, List<String> tagKeys) {}

  public record Response() {}

  public UntagResource(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    List<String> keys = req.tagKeys() == null ? List.of() : req.tagKeys();
    return TaggedTopics.update(sns, req.resourceArn(), topic -> {
      Map<String, String> tags = new LinkedHashMap<>(topic.tags());
      keys.forEach(tags::remove);
      return topic.withTags(tags);
    }).thenApply(t -> new Response());
  }
}

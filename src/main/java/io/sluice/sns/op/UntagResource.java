package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.List;
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
    String arn = TopicAccess.requireOwner(ctx, action(), req.resourceArn());
    return TaggedTopics.update(sns, arn, RecordChange.ofTags(MapEdit.removing(keys)))
        .thenApply(t -> new Response());
  }
}

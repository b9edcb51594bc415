package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import io.sluice.sns.TopicTags;
import io.sluice.sns.model.Tag;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * TagResource: adds tags to a topic (a tag of an existing key replaces its value) in one atomic store
 * step, which refuses to leave the topic with more than 50 (TagLimitExceeded).
 */
public final class TagResource extends SnsOperation<TagResource.Request, TagResource.Response> {

  public record Request(String resourceArn, List<Tag> tags) {}

  public record Response() {}

  public TagResource(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    Map<String, String> added = TopicTags.validated(req.tags());
    RecordChange change = RecordChange.ofTags(MapEdit.putting(added).limitedTo(TopicTags.MAX_TAGS));
    String arn = TopicAccess.requireOwner(ctx, action(), req.resourceArn());
    return TaggedTopics.update(sns, arn, change).thenApply(outcome -> {
      if (outcome.status() == RecordChange.Status.TOO_MANY_ENTRIES) {
        throw TopicTags.tooMany();
      }
      return new Response();
    });
  }
}

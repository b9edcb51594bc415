package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.Tag;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListTagsForResource: all tags of the stream a ResourceARN names, by key. */
public final class ListTagsForResource
    extends KinesisOperation<ListTagsForResource.Request, ListTagsForResource.Response> {

  public record Request(String resourceARN) {}

  public record Response(List<Tag> tags) {}

  public ListTagsForResource(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return resource(ctx, req.resourceARN()).thenApply(s -> new Response(s.sortedTags().entrySet().stream()
        .map(t -> new Tag(t.getKey(), t.getValue()))
        .toList()));
  }
}

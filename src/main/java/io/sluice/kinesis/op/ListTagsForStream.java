package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.Tag;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListTagsForStream: a stream's tags by key, up to {@code Limit} (default 50) after {@code ExclusiveStartTagKey}. */
public final class ListTagsForStream extends KinesisOperation<ListTagsForStream.Request, ListTagsForStream.Response> {

  public record Request(String streamName, String streamARN, String exclusiveStartTagKey, Integer limit) {}

  public record Response(List<Tag> tags, Boolean hasMoreTags) {}

  public ListTagsForStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int limit = range(req.limit(), "limit", 1, 50, 50);
    return stream(ctx, req.streamName(), req.streamARN()).thenApply(s -> {
      List<Tag> rest = s.sortedTags().entrySet().stream()
          .filter(t -> req.exclusiveStartTagKey() == null || t.getKey().compareTo(req.exclusiveStartTagKey()) > 0)
          .map(t -> new Tag(t.getKey(), t.getValue()))
          .toList();
      return new Response(rest.subList(0, Math.min(limit, rest.size())), rest.size() > limit);
    });
  }
}

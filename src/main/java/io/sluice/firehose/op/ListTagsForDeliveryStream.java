package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Tags;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * ListTagsForDeliveryStream: the stream's tags by key, after {@code ExclusiveStartTagKey}, at most
 * {@code Limit} (50 by default).
 */
public final class ListTagsForDeliveryStream
    extends FirehoseOperation<ListTagsForDeliveryStream.Request, ListTagsForDeliveryStream.Response> {

  public record Request(String deliveryStreamName, String exclusiveStartTagKey, Integer limit) {}

  public record Response(List<Tags.Tag> tags, boolean hasMoreTags) {}

  public ListTagsForDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    int limit = req.limit() == null ? Tags.LIMIT : req.limit();
    return stream(ctx, req.deliveryStreamName()).thenApply(s -> {
      List<Tags.Tag> after = new TreeMap<>(s.tags()).entrySet().stream()
          .filter(e -> req.exclusiveStartTagKey() == null || e.getKey().compareTo(req.exclusiveStartTagKey()) > 0)
          .map(e -> new Tags.Tag(e.getKey(), e.getValue()))
          .toList();
      return new Response(after.subList(0, Math.min(limit, after.size())), after.size() > limit);
    });
  }
}

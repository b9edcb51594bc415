package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListDeliveryStreams: the names of the account's streams in the region, by name, of one type if
 * {@code DeliveryStreamType} is given, after {@code ExclusiveStartDeliveryStreamName}, at most
 * {@code Limit} (10 by default, as on AWS).
 */
public final class ListDeliveryStreams
    extends FirehoseOperation<ListDeliveryStreams.Request, ListDeliveryStreams.Response> {
  /** How many names a page holds when the request gives no Limit. */
  public static final int DEFAULT_LIMIT = 10;

  public record Request(Integer limit, String deliveryStreamType, String exclusiveStartDeliveryStreamName) {}

  public record Response(List<String> deliveryStreamNames, boolean hasMoreDeliveryStreams) {}

  public ListDeliveryStreams(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    int limit = req.limit() == null ? DEFAULT_LIMIT : req.limit();
    return firehose.store().list(ctx.region(), ctx.account(), now()).thenApply(streams -> {
      List<String> names = streams.stream()
          .filter(s -> req.deliveryStreamType() == null || s.type().equals(req.deliveryStreamType()))
          .map(s -> s.id().name())
          .filter(n -> req.exclusiveStartDeliveryStreamName() == null
              || n.compareTo(req.exclusiveStartDeliveryStreamName()) > 0)
          .toList();
      return new Response(names.subList(0, Math.min(limit, names.size())), names.size() > limit);
    });
  }
}

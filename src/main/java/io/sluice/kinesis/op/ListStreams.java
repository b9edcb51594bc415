package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.PageTokens;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListStreams: the caller's streams in the region by name, up to {@code Limit} (default 100) after
 * {@code ExclusiveStartStreamName} or where {@code NextToken} says.
 */
public final class ListStreams extends KinesisOperation<ListStreams.Request, ListStreams.Response> {
  private static final String TOKEN_KIND = "streams";

  public record Request(Integer limit, String exclusiveStartStreamName, String nextToken) {}

  public record StreamSummary(String streamName, String streamARN, String streamStatus,
                              StreamModeDetails streamModeDetails, Instant streamCreationTimestamp) {}

  public record Response(List<String> streamNames, Boolean hasMoreStreams, String nextToken,
                         List<StreamSummary> streamSummaries) {}

  public ListStreams(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int limit = range(req.limit(), "limit", 1, 10_000, 100);
    String after = req.nextToken() != null ? PageTokens.read(TOKEN_KIND, req.nextToken())
        : req.exclusiveStartStreamName();
    long now = now();
    return limited(ctx, null, () -> kinesis.store().list(ctx.region(), ctx.account(), now)).thenApply(all -> {
      List<StreamRecord> rest = after == null ? all
          : all.stream().filter(s -> s.id().name().compareTo(after) > 0).toList();
      List<StreamRecord> page = rest.subList(0, Math.min(limit, rest.size()));
      boolean more = rest.size() > page.size();
      return new Response(page.stream().map(s -> s.id().name()).toList(), more,
          more ? PageTokens.of(TOKEN_KIND, page.getLast().id().name()) : null,
          page.stream().map(s -> new StreamSummary(s.id().name(), s.id().arn(), s.status(now).name(),
              StreamModeDetails.of(s), Instant.ofEpochMilli(s.createdMillis()))).toList());
    });
  }
}

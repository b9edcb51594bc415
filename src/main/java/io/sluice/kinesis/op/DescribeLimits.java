package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * DescribeLimits: the caller's shard quota ({@code sluice.kinesis.shard-limit}) and open shards, and
 * its on-demand streams against their quota of {@value CreateStream#ON_DEMAND_STREAM_LIMIT}, in the
 * request's region. A stream being deleted still counts until it is gone.
 */
public final class DescribeLimits extends KinesisOperation<DescribeLimits.Request, DescribeLimits.Response> {

  public record Request() {}

  public record Response(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {}

  public DescribeLimits(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return kinesis.store().list(ctx.region(), ctx.account(), now()).thenApply(streams -> new Response(
        kinesis.config().shardLimit(),
        streams.stream().mapToInt(StreamRecord::openShardCount).sum(),
        (int) streams.stream().filter(s -> s.mode() == StreamMode.ON_DEMAND).count(),
        CreateStream.ON_DEMAND_STREAM_LIMIT));
  }
}

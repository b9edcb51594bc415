package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.ShardMetrics;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** DisableEnhancedMonitoring: turns shard-level metrics off for an ACTIVE stream ("ALL": every one). */
public final class DisableEnhancedMonitoring
    extends KinesisOperation<DisableEnhancedMonitoring.Request, DisableEnhancedMonitoring.Response> {

  public record Request(String streamName, String streamARN, List<String> shardLevelMetrics) {}

  public record Response(String streamName, String streamARN, List<String> currentShardLevelMetrics,
                         List<String> desiredShardLevelMetrics) {}

  public DisableEnhancedMonitoring(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return ShardMetrics.change(kinesis, stream(ctx, req.streamName(), req.streamARN()),
        ShardMetrics.check(req.shardLevelMetrics()), false, (before, after) -> new Response(after.id().name(),
            after.id().arn(), before.shardLevelMetrics(), after.shardLevelMetrics()));
  }
}

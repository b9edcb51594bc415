package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Reshards;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.store.Reshard;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * UpdateShardCount: an ACTIVE stream's open shards re-partitioned into {@code TargetShardCount}
 * shards of equal size ({@code UNIFORM_SCALING}) through splits and merges, as AWS does it (see
 * {@link Reshards#uniform}); the stream is UPDATING for the configured create delay. AWS's limits
 * (API reference, UpdateShardCount), each a LimitExceededException: at most double and at least half
 * the open shards, at most 10,000 shards, the account's shard quota, at most ten scalings per
 * rolling 24 hours per stream (counted in the store step that applies the change).
 */
public final class UpdateShardCount extends KinesisOperation<UpdateShardCount.Request, UpdateShardCount.Response> {

  public record Request(String streamName, String streamARN, Integer targetShardCount, String scalingType) {}

  public record Response(String streamName, Integer currentShardCount, Integer targetShardCount,
                         String streamARN) {}

  public UpdateShardCount(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.targetShardCount() == null) {
      throw validation(null, "targetShardCount", "Member must not be null");
    }
    int target = range(req.targetShardCount(), "targetShardCount", 1, 100_000, 1);
    if (req.scalingType() == null) {
      throw validation(null, "scalingType", "Member must not be null");
    }
    if (!req.scalingType().equals("UNIFORM_SCALING")) {
      throw validation(req.scalingType(), "scalingType", "Member must satisfy enum value set: [UNIFORM_SCALING]");
    }
    return stream(ctx, req.streamName(), req.streamARN()).thenCompose(found -> {
      StreamRecord stream = Reshards.provisioned(found, action());
      int open = stream.openShardCount();
      if (target > Reshards.MAX_SCALED_SHARDS) {
        throw limit("Target shard count or number of open shards cannot be greater than %d. Current open shard "
            + "count: %d, Target shard count: %d", Reshards.MAX_SCALED_SHARDS, open, target);
      }
      if (target > 2 * open) {
        throw limit("UpdateShardCount cannot scale up over double your current open shard count. Current open shard "
            + "count: %d, Target shard count: %d", open, target);
      }
      if (2 * target < open) {
        throw limit("UpdateShardCount cannot scale down below half your current open shard count. Current open "
            + "shard count: %d, Target shard count: %d", open, target);
      }
      Response answer = new Response(stream.id().name(), open, target, stream.id().arn());
      Reshard reshard = Reshards.uniform(kinesis, stream, target);
      if (reshard == null) {
        // The open shards already are the target's: nothing to split or merge.
        return CompletableFuture.completedFuture(answer);
      }
      return SplitShard.shardRoom(kinesis, stream, Math.max(0, target - open))
          .thenCompose(room -> Reshards.apply(kinesis, stream, reshard))
          .thenApply(changed -> answer);
    });
  }

  private static AwsException limit(String message, Object... args) {
    return AwsException.of(KinesisError.LimitExceededException, message, args);
  }
}

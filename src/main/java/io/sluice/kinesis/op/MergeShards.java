package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Reshards;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.math.BigInteger;
import java.util.concurrent.CompletionStage;

/**
 * MergeShards: two open shards of an ACTIVE stream whose hash key ranges are adjacent close, and
 * one child takes both ranges ({@code ParentShardId} the shard to merge,
 * {@code AdjacentParentShardId} the adjacent one); the stream is UPDATING for the configured
 * create delay.
 */
public final class MergeShards extends KinesisOperation<MergeShards.Request, Void> {

  public record Request(String streamName, String streamARN, String shardToMerge, String adjacentShardToMerge) {}

  public MergeShards(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.shardToMerge() == null) {
      throw validation(null, "shardToMerge", "Member must not be null");
    }
    if (req.adjacentShardToMerge() == null) {
      throw validation(null, "adjacentShardToMerge", "Member must not be null");
    }
    return stream(ctx, req.streamName(), req.streamARN()).thenCompose(found -> {
      StreamRecord stream = Reshards.provisioned(found, action());
      Shard shard = stream.shards().get(shardIndex(stream, req.shardToMerge()));
      Shard adjacent = stream.shards().get(shardIndex(stream, req.adjacentShardToMerge()));
      if (!adjacent(shard, adjacent)) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Shards %s and %s in stream %s under account %s "
            + "are not an adjacent pair of shards eligible for merging", shard.id(), adjacent.id(),
            stream.id().name(), stream.id().account());
      }
      for (Shard s : new Shard[] {shard, adjacent}) {
        if (!s.open()) {
          throw Reshards.closed(stream, s);
        }
      }
      return Reshards.apply(kinesis, stream, Reshards.merge(kinesis, stream, shard, adjacent));
    }).thenApply(done -> null);
  }

  /** Whether the two ranges form one contiguous range, in either order. */
  private static boolean adjacent(Shard a, Shard b) {
    return a.endingHashKey().add(BigInteger.ONE).equals(b.startingHashKey())
        || b.endingHashKey().add(BigInteger.ONE).equals(a.startingHashKey());
  }
}

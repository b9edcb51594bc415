package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Reshards;
import io.sluice.kinesis.model.HashKeys;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.math.BigInteger;
import java.util.concurrent.CompletionStage;

/**
 * SplitShard: an open shard of an ACTIVE stream closes and two children take its hash key range,
 * the upper from {@code NewStartingHashKey} on; the stream is UPDATING for the configured create
 * delay. LimitExceededException past the account's shard quota (checked before the change, as for
 * CreateStream).
 */
public final class SplitShard extends KinesisOperation<SplitShard.Request, Void> {

  public record Request(String streamName, String streamARN, String shardToSplit, String newStartingHashKey) {}

  public SplitShard(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.shardToSplit() == null) {
      throw validation(null, "shardToSplit", "Member must not be null");
    }
    if (req.newStartingHashKey() == null) {
      throw validation(null, "newStartingHashKey", "Member must not be null");
    }
    BigInteger newStart = HashKeys.parse(req.newStartingHashKey());
    if (newStart == null && !req.newStartingHashKey().matches("0|[1-9]\\d{0,38}")) {
      throw validation(req.newStartingHashKey(), "newStartingHashKey",
          "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
    }
    return stream(ctx, req.streamName(), req.streamARN()).thenCompose(found -> {
      StreamRecord stream = Reshards.provisioned(found, action());
      Shard shard = stream.shards().get(shardIndex(stream, req.shardToSplit()));
      // "greater than one plus the shard's StartingHashKey", as AWS words and checks it.
      if (newStart == null || newStart.compareTo(shard.startingHashKey().add(BigInteger.ONE)) <= 0
          || newStart.compareTo(shard.endingHashKey()) >= 0) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "NewStartingHashKey %s used in SplitShard() on "
            + "shard %s in stream %s under account %s is not both greater than one plus the shard's StartingHashKey "
            + "%s and less than the shard's EndingHashKey %s.", req.newStartingHashKey(), shard.id(),
            stream.id().name(), stream.id().account(), shard.startingHashKey(), shard.endingHashKey());
      }
      if (!shard.open()) {
        throw Reshards.closed(stream, shard);
      }
      return shardRoom(kinesis, stream, 1)
          .thenCompose(room -> Reshards.apply(kinesis, stream, Reshards.split(kinesis, stream, shard, newStart)));
    }).thenApply(done -> null);
  }

  /**
   * LimitExceededException when {@code more} open shards would take the account past its shard quota;
   * counted before the change is stored, so two concurrent reshards may both pass.
   */
  static CompletionStage<Void> shardRoom(KinesisServices kinesis, StreamRecord stream, int more) {
    String region = stream.id().region();
    String account = stream.id().account();
    long now = kinesis.clock().millis();
    return kinesis.store().list(region, account, now).thenAccept(streams -> {
      int current = streams.stream().mapToInt(StreamRecord::openShardCount).sum();
      int limit = kinesis.config().shardLimit();
      if (current + more > limit) {
        throw AwsException.of(KinesisError.LimitExceededException, "This request would exceed the shard limit for "
            + "the account %s in %s. Current shard count for the account: %d. Limit: %d. Number of additional "
            + "shards that would have resulted from this request: %d.", account, region, current, limit, more);
      }
    });
  }
}

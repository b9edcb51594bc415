package io.sluice.kinesis;

import io.sluice.storage.waiters.Waiters;
import java.util.concurrent.CompletionStage;

/** {@link ShardSignals} on the node's {@link Waiters}, announced cluster-wide on {@link KinesisApi#RECORDS_ARRIVED}. */
public final class ShardWaiters implements ShardSignals {
  private final Waiters<String> waiters;

  public ShardWaiters(Waiters<String> waiters) {
    this.waiters = waiters;
  }

  @Override
  public long epoch(String shard) {
    return waiters.epoch(shard);
  }

  @Override
  public CompletionStage<Boolean> await(String shard, long sinceEpoch, long maxWaitMillis) {
    return waiters.await(shard, sinceEpoch, maxWaitMillis).thenApply(outcome -> outcome != Waiters.Outcome.CLOSING);
  }

  @Override
  public void announce(String shard) {
    waiters.signal(shard);
  }

  @Override
  public long monotonicMillis() {
    return waiters.clock().millis();
  }
}

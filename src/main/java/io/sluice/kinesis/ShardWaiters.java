package io.sluice.kinesis;

import io.sluice.storage.waiters.WaiterSignals;
import io.sluice.storage.waiters.Waiters;

/** {@link ShardSignals} on the node's {@link Waiters}, announced cluster-wide on {@link KinesisApi#RECORDS_ARRIVED}. */
public final class ShardWaiters extends WaiterSignals<String> implements ShardSignals {

  public ShardWaiters(Waiters<String> waiters) {
    super(waiters);
  }
}

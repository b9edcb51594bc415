package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.sluice.storage.waiters.WaiterSignals;
import io.sluice.storage.waiters.Waiters;

/** {@link MessageArrivals} on the node's {@link Waiters}, announced cluster-wide on {@link SqsApi#MESSAGES_AVAILABLE}. */
public final class LongPolls extends WaiterSignals<QueueId> implements MessageArrivals {

  public LongPolls(Waiters<QueueId> waiters) {
    super(waiters);
  }
}

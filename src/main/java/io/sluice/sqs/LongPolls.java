package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.sluice.storage.waiters.Waiters;
import java.util.concurrent.CompletionStage;

/**
 * {@link MessageArrivals} on the node's shared {@link Waiters}, keyed by queue: a waiting receive is
 * a registered waiter plus a timer, and a send signals the queue on {@link SqsApi#MESSAGES_AVAILABLE}
 * so that long polls on every node wake.
 */
public final class LongPolls implements MessageArrivals {
  private final Waiters<QueueId> waiters;

  public LongPolls(Waiters<QueueId> waiters) {
    this.waiters = waiters;
  }

  @Override
  public long epoch(QueueId queue) {
    return waiters.epoch(queue);
  }

  @Override
  public CompletionStage<Boolean> await(QueueId queue, long sinceEpoch, long maxWaitMillis) {
    return waiters.await(queue, sinceEpoch, maxWaitMillis).thenApply(outcome -> outcome != Waiters.Outcome.CLOSING);
  }

  @Override
  public void announce(QueueId queue) {
    waiters.signal(queue);
  }

  @Override
  public long monotonicMillis() {
    return waiters.clock().millis();
  }
}

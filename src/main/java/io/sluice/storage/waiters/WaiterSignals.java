package io.sluice.storage.waiters;

import java.util.concurrent.CompletionStage;

/**
 * {@link Signals} on a node's {@link Waiters}: a wait is a registered waiter plus a timer, and an
 * announcement signals the resource on the waiters' address so that waits on every node wake.
 *
 * @param <K> the resource
 */
public class WaiterSignals<K> implements Signals<K> {
  private final Waiters<K> waiters;

  public WaiterSignals(Waiters<K> waiters) {
    this.waiters = waiters;
  }

  @Override
  public long epoch(K resource) {
    return waiters.epoch(resource);
  }

  @Override
  public CompletionStage<Boolean> await(K resource, long sinceEpoch, long maxWaitMillis) {
    return waiters.await(resource, sinceEpoch, maxWaitMillis).thenApply(outcome -> outcome != Waiters.Outcome.CLOSING);
  }

  @Override
  public void announce(K resource) {
    waiters.signal(resource);
  }

  @Override
  public long monotonicMillis() {
    return waiters.clock().millis();
  }
}

package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.sluice.storage.waiters.MonotonicClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link MessageArrivals} for tests without Vert.x: never waits, and records what was announced. */
final class QuietArrivals implements MessageArrivals {
  private final List<QueueId> announced = new ArrayList<>();

  @Override
  public long epoch(QueueId queue) {
    return 0;
  }

  @Override
  public CompletionStage<Boolean> await(QueueId queue, long sinceEpoch, long maxWaitMillis) {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized void announce(QueueId queue) {
    announced.add(queue);
  }

  @Override
  public long monotonicMillis() {
    return MonotonicClock.SYSTEM.millis();
  }

  synchronized List<QueueId> announced() {
    return List.copyOf(announced);
  }
}

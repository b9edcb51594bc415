package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
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
    return System.nanoTime() / 1_000_000;
  }

  synchronized List<QueueId> announced() {
    return List.copyOf(announced);
  }
}

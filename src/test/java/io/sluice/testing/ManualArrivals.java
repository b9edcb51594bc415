package io.sluice.testing;

import io.sluice.sqs.MessageArrivals;
import io.sluice.sqs.model.QueueId;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MessageArrivals} on a {@link ManualClock}, for long polls without Vert.x: a wait with an
 * announcement already made since its epoch ends at once; any other wait moves the clock on by the
 * whole time it asked for (nobody else sends while a test waits, unless {@link #duringNextWait})
 * and then ends. Records every announcement.
 */
public final class ManualArrivals implements MessageArrivals {
  private final ManualClock clock;
  private final Map<QueueId, Long> epochs = new ConcurrentHashMap<>();
  private final List<QueueId> announced = new ArrayList<>();
  private volatile Runnable duringWait;

  public ManualArrivals(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public long epoch(QueueId queue) {
    return epochs.getOrDefault(queue, 0L);
  }

  /**
   * Runs {@code action} when the next wait begins, as another client would while a poll is held; a
   * wait whose queue the action announced then ends at once, at the clock's time after the action.
   */
  public void duringNextWait(Runnable action) {
    duringWait = action;
  }

  @Override
  public CompletionStage<Boolean> await(QueueId queue, long sinceEpoch, long maxWaitMillis) {
    Runnable action = duringWait;
    duringWait = null;
    if (action != null) {
      action.run();
    }
    if (epoch(queue) == sinceEpoch) {
      clock.advanceMillis(maxWaitMillis);
    }
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized void announce(QueueId queue) {
    epochs.merge(queue, 1L, Long::sum);
    announced.add(queue);
  }

  @Override
  public long monotonicMillis() {
    return clock.millis();
  }

  /** Every queue announced so far, in order, repeats included. */
  public synchronized List<QueueId> announced() {
    return List.copyOf(announced);
  }
}

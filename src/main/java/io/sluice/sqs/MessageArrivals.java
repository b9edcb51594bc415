package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import java.util.concurrent.CompletionStage;

/**
 * Where long polls wait for messages. A waiting receive registers here and is woken when a send on
 * any node announces the queue, or when its time is up; never by parking a thread.
 */
public interface MessageArrivals {

  /**
   * A counter of the announcements this node has seen for {@code queue}. A poll reads it before it
   * looks at the store, so an announcement that lands between that look and {@link #await} is not
   * lost.
   */
  long epoch(QueueId queue);

  /**
   * Completes with true when {@code queue} may have new messages (an announcement since
   * {@code sinceEpoch}, possibly already made) or {@code maxWaitMillis} passed, with false when the
   * server is shutting down and the poll must answer now.
   */
  CompletionStage<Boolean> await(QueueId queue, long sinceEpoch, long maxWaitMillis);

  /** Tells waiters on every node that {@code queue} may have messages. */
  void announce(QueueId queue);

  /** A monotonic millisecond clock for long-poll deadlines (real time passes while polls wait). */
  long monotonicMillis();
}

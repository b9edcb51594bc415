package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import java.util.concurrent.CompletionStage;

/**
 * Where long polls wait for messages. A waiting receive registers here and is woken when a send on
 * any node announces the queue, or when its time is up; never by parking a thread.
 */
public interface MessageArrivals {

  /**
   * Completes with true when {@code queue} may have new messages or {@code maxWaitMillis} passed,
   * with false when the server is shutting down and the poll must answer now.
   */
  CompletionStage<Boolean> await(QueueId queue, long maxWaitMillis);

  /** Tells waiters on every node that {@code queue} may have messages. */
  void announce(QueueId queue);

  /** A monotonic millisecond clock for long-poll deadlines (real time passes while polls wait). */
  long monotonicMillis();
}

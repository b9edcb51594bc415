package io.sluice.storage.waiters;

import java.util.concurrent.CompletionStage;

/**
 * Where requests wait for something to happen to a resource (messages in a queue, records in a
 * shard). A waiter registers here and is woken when a change on any node announces the resource,
 * or when its time is up; never by parking a thread.
 *
 * @param <K> the resource
 */
public interface Signals<K> {

  /**
   * A counter of the announcements this node has seen for {@code resource}. A waiter reads it before
   * it looks at the store, so an announcement that lands between that look and {@link #await} is not
   * lost.
   */
  long epoch(K resource);

  /**
   * Completes with true when {@code resource} may have changed (an announcement since
   * {@code sinceEpoch}, possibly already made) or {@code maxWaitMillis} passed, with false when the
   * server is shutting down and the waiter must answer now.
   */
  CompletionStage<Boolean> await(K resource, long sinceEpoch, long maxWaitMillis);

  /** Tells waiters on every node that {@code resource} may have changed. */
  void announce(K resource);

  /** A monotonic millisecond clock for wait deadlines (real time passes while requests wait). */
  long monotonicMillis();
}

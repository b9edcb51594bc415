package io.sluice.sns.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs work that would hold an event loop up (an RSA signature costs about a millisecond) and
 * answers its result as a future, injected like the clock and the timers. A node uses
 * {@link #workerPool}; operation-level tests, which have no Vert.x, use {@link #inline}.
 */
public interface BlockingWork {

  /** Runs {@code work}; the future holds its result, or what it threw. */
  <T> Future<T> run(Callable<T> work);

  /**
   * On Vert.x's worker pool, unordered; the future completes on the caller's context (its event
   * loop).
   */
  static BlockingWork workerPool(Vertx vertx) {
    return new BlockingWork() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
      }
    };
  }

  /** On the caller's thread, before {@code run} returns. */
  static BlockingWork inline() {
    return new BlockingWork() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        try {
          return Future.succeededFuture(work.call());
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
      }
    };
  }
}

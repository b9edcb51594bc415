package io.sluice.time;

import io.vertx.core.Vertx;

/**
 * One-shot and periodic timers, injected like the clock: code that waits for time to pass asks
 * these, never Vert.x directly, so that a test moving a manual clock fires them. A node uses
 * {@link #vertx}; delays are measured on the clock the timers belong to.
 */
public interface Timers {

  /** A timer that has not fired yet, or a periodic one. */
  interface Timer {
    /** Stops the timer; does nothing if it fired (one-shot) or was cancelled. */
    void cancel();
  }

  /** Runs {@code action} once, {@code delayMillis} from now (at once, but not inline, for 0 or less). */
  Timer once(long delayMillis, Runnable action);

  /** Runs {@code action} every {@code periodMillis}, the first time one period from now. */
  Timer every(long periodMillis, Runnable action);

  /**
   * Timers of Vert.x: an action runs on the context of the caller that set it (its event loop), or
   * on an event loop of Vert.x's own when set from another thread.
   */
  static Timers vertx(Vertx vertx) {
    return new Timers() {
      @Override
      public Timer once(long delayMillis, Runnable action) {
        long id = vertx.setTimer(Math.max(1, delayMillis), t -> action.run());
        return () -> vertx.cancelTimer(id);
      }

      @Override
      public Timer every(long periodMillis, Runnable action) {
        long id = vertx.setPeriodic(Math.max(1, periodMillis), t -> action.run());
        return () -> vertx.cancelTimer(id);
      }
    };
  }
}

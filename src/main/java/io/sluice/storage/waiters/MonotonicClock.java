package io.sluice.storage.waiters;

/**
 * A clock for wait deadlines (long polls), in milliseconds from an arbitrary origin. Unlike the
 * injected wall clock it always moves with real time and never jumps, so that a wait ends when the
 * Vert.x timer holding it says so; tests inject their own.
 */
@FunctionalInterface
public interface MonotonicClock {

  /** The JVM's monotonic clock ({@link System#nanoTime}); the only place Sluice reads it for deadlines. */
  MonotonicClock SYSTEM = () -> System.nanoTime() / 1_000_000;

  /** Milliseconds since this clock's origin; only differences between two readings mean anything. */
  long millis();
}

package io.sluice.logging;

import io.sluice.storage.StoreUnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs unexpected failures with their stack trace once per cause (the failure's class and where it
 * was thrown), and every later failure of the same cause as one line with its count, so that a bug
 * hit by every request fills no log with traces (DESIGN rule 15). Store outages are left to the
 * engine's {@link OutageLog}. Thread-safe.
 */
public final class FailureLog {
  /** Causes remembered; past this many the memory starts afresh (a trace may then be logged again). */
  private static final int CAUSES_KEPT = 1_000;

  private final Logger log;
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  public FailureLog(Logger log) {
    this.log = log;
  }

  /** Logs {@code message} with {@code failure}: its trace the first time its cause is seen, else one line. */
  public void failed(String message, Throwable failure) {
    if (StoreUnavailableException.in(failure) != null) {
      // A store outage: the engine's OutageLog reports it once, with counts.
      return;
    }
    String cause = causeOf(failure);
    if (seen.size() >= CAUSES_KEPT && !seen.containsKey(cause)) {
      seen.clear();
    }
    long count = seen.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
    if (count == 1) {
      log.log(Level.WARNING, message, failure);
    } else {
      log.warning(message + ": " + failure + " (" + count + " times since its stack trace was logged)");
    }
  }

  private static String causeOf(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return failure.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
  }
}

package io.sluice.logging;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of something's outages (the store, accepting connections), written once per outage
 * rather than once per failure: a warning at the first failure, a summary with the count of failures
 * at most once per {@code summaryEveryNanos} while it lasts, and a line when it works again. Failing
 * again within {@code summaryEveryNanos} of that continues the same outage without a new warning.
 * Thread-safe; a success while nothing is down costs one volatile read.
 */
public final class OutageLog {
  private static final Logger LOG = Logger.getLogger(OutageLog.class.getName());

  private final String subject;
  private final String consequence;
  private final LongSupplier nanoTime;
  private final long summaryEveryNanos;
  private volatile boolean down;
  private long since;
  private long lastSummary;
  private long failedSinceSummary;
  private long failedTotal;
  private boolean ended;
  private long endedAt;

  /**
   * {@code subject} names what fails in the log (never a password), {@code consequence} says what
   * that means for users; {@code nanoTime} is a monotonic clock.
   */
  public OutageLog(String subject, String consequence, LongSupplier nanoTime, long summaryEveryNanos) {
    this.subject = subject;
    this.consequence = consequence;
    this.nanoTime = nanoTime;
    this.summaryEveryNanos = summaryEveryNanos;
  }

  /** Records a failure, for {@code reason} (a few words). */
  public void failed(String reason) {
    String line = null;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (!down && ended && now - endedAt < summaryEveryNanos) {
        // Back within a summary interval (flapping): the same outage, reported in its next summary.
        down = true;
        failedTotal++;
        failedSinceSummary++;
      } else if (!down) {
        down = true;
        since = now;
        lastSummary = now;
        failedSinceSummary = 0;
        failedTotal = 1;
        line = subject + " is unavailable (" + reason + "); " + consequence;
      } else {
        failedTotal++;
        failedSinceSummary++;
        if (now - lastSummary >= summaryEveryNanos) {
          line = subject + " is still unavailable (" + reason + "): " + failedSinceSummary + " failures in the last "
              + seconds(now - lastSummary) + " s, " + failedTotal + " since it began " + seconds(now - since)
              + " s ago";
          lastSummary = now;
          failedSinceSummary = 0;
        }
      }
    }
    if (line != null) {
      LOG.warning(line);
    }
  }

  /** Records a success; ends an outage in progress. */
  public void succeeded() {
    if (!down) {
      return;
    }
    String line;
    synchronized (this) {
      if (!down) {
        return;
      }
      down = false;
      ended = true;
      endedAt = nanoTime.getAsLong();
      line = subject + " is available again after " + seconds(endedAt - since) + " s; " + failedTotal
          + " failures during the outage";
    }
    LOG.log(Level.INFO, line);
  }

  /** Whether the last attempt failed. */
  public boolean down() {
    return down;
  }

  private static long seconds(long nanos) {
    return Math.round(nanos / 1e9);
  }
}

package io.sluice.storage;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of a store's outages, written once per outage rather than once per failed call: a warning
 * when the first call fails, a summary with the count of failed calls at most once per
 * {@code summaryEveryNanos} while it lasts, and a line when a call succeeds again. Thread-safe; a
 * call that succeeds while the store is up costs one volatile read.
 */
public final class StoreOutages {
  private static final Logger LOG = Logger.getLogger(StoreOutages.class.getName());

  private final String store;
  private final LongSupplier nanoTime;
  private final long summaryEveryNanos;
  private volatile boolean down;
  private long since;
  private long lastSummary;
  private long failedSinceSummary;
  private long failedTotal;

  /** {@code store} names the store in the log (no password); {@code nanoTime} is a monotonic clock. */
  public StoreOutages(String store, LongSupplier nanoTime, long summaryEveryNanos) {
    this.store = store;
    this.nanoTime = nanoTime;
    this.summaryEveryNanos = summaryEveryNanos;
  }

  /** Records a call that failed because the store could not be reached, for {@code reason}. */
  public void failed(String reason) {
    String line = null;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      failedTotal++;
      if (!down) {
        down = true;
        since = now;
        lastSummary = now;
        failedSinceSummary = 0;
        failedTotal = 1;
        line = store + " is unavailable (" + reason + "); calls answer 503 ServiceUnavailable until it is back";
      } else {
        failedSinceSummary++;
        if (now - lastSummary >= summaryEveryNanos) {
          line = store + " still unavailable (" + reason + "): " + failedSinceSummary + " calls failed in the last "
              + seconds(now - lastSummary) + " s, " + failedTotal + " since the outage began " + seconds(now - since)
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

  /** Records a call the store answered; ends an outage in progress. */
  public void answered() {
    if (!down) {
      return;
    }
    String line;
    synchronized (this) {
      if (!down) {
        return;
      }
      down = false;
      line = store + " is available again after " + seconds(nanoTime.getAsLong() - since) + " s; " + failedTotal
          + " calls failed during the outage";
    }
    LOG.log(Level.INFO, line);
  }

  /** Whether the last call failed for want of the store. */
  public boolean down() {
    return down;
  }

  private static long seconds(long nanos) {
    return Math.round(nanos / 1e9);
  }
}

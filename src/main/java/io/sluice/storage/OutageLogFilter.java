package io.sluice.storage;

import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps store outages out of the log of every piece of background work that meets them (sweeps,
 * timers, drivers): a record whose failure is a {@link StoreUnavailableException} is dropped, since
 * the engine's {@link io.sluice.logging.OutageLog} logs the outage once, with counts. Other records pass to the
 * handler's own filter, if any.
 */
public final class OutageLogFilter implements Filter {
  private final Filter next;

  private OutageLogFilter(Filter next) {
    this.next = next;
  }

  /** Installs the filter on the root logger's handlers (once per handler). */
  public static synchronized void install() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (!(handler.getFilter() instanceof OutageLogFilter)) {
        handler.setFilter(new OutageLogFilter(handler.getFilter()));
      }
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record.getThrown() != null && StoreUnavailableException.in(record.getThrown()) != null) {
      return false;
    }
    return next == null || next.isLoggable(record);
  }
}

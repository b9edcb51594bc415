package io.sluice.storage;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps store outages out of the log of every piece of background work that meets them (sweeps,
 * timers, drivers): a record whose failure is a {@link StoreUnavailableException}, or the Redis
 * client's report of a connection that broke, is dropped, since the engine's {@link io.sluice.logging.OutageLog} logs the outage once, with counts. Other records pass to the
 * handler's own filter, if any.
 */
public final class OutageLogFilter implements Filter {
  private static final String REDIS_CLIENT = "io.vertx.redis.";
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
    Throwable thrown = record.getThrown();
    if (thrown != null && (StoreUnavailableException.in(thrown) != null || redisConnectionLost(record))) {
      return false;
    }
    return next == null || next.isLoggable(record);
  }

  /** The Redis client's own report of a pooled connection that broke ("Unhandled Error": reset, closed). */
  private static boolean redisConnectionLost(LogRecord record) {
    String logger = record.getLoggerName();
    if (logger == null || !logger.startsWith(REDIS_CLIENT)) {
      return false;
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}

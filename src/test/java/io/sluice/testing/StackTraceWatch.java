package io.sluice.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects, while open, the log records with a stack trace that answering a request can write: the
 * gateway's, the protocol layer's, the bus's, the services' verticles' and the router's. Background
 * work of other nodes in the JVM (deliveries, schedulers) is not watched.
 */
public final class StackTraceWatch implements AutoCloseable {
  private final List<String> traces = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
      if (r.getThrown() != null && (logger.startsWith("io.sluice.gateway") || logger.startsWith("io.sluice.protocol")
          || logger.startsWith("io.sluice.bus") || logger.endsWith("Verticle") || logger.startsWith("io.vertx.ext.web"))) {
        traces.add(logger + ": " + r.getMessage() + ": " + r.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private StackTraceWatch() {
    Logger.getLogger("").addHandler(handler);
  }

  /** Starts watching. */
  public static StackTraceWatch start() {
    return new StackTraceWatch();
  }

  /** The stack traces logged so far, one line each. */
  public List<String> traces() {
    return List.copyOf(traces);
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(handler);
  }
}

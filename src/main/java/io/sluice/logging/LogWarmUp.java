package io.sluice.logging;

import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Formats one record with a stack trace through every handler of the root logger, without
 * publishing it, so that what logging loads on first use (time-zone rules from a file, formatter
 * classes) is loaded at start: a process out of file handles can still log that it is.
 */
public final class LogWarmUp {
  private static volatile boolean done;

  private LogWarmUp() {}

  /** Does it once per JVM. */
  public static void run() {
    if (done) {
      return;
    }
    ZoneId.systemDefault().getRules();
    LogRecord record = new LogRecord(Level.WARNING, "warm-up {0}");
    record.setParameters(new Object[] {1});
    record.setLoggerName(LogWarmUp.class.getName());
    record.setThrown(new java.io.IOException("warm-up"));
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      Formatter formatter = handler.getFormatter();
      if (formatter != null) {
        formatter.format(record);
      }
    }
    new java.util.logging.SimpleFormatter().format(record);
    done = true;
  }
}

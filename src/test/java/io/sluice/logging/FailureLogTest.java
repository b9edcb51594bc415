package io.sluice.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An unexpected failure's stack trace is logged once per cause; repeats are one line with a count. */
class FailureLogTest {
  private final Logger logger = Logger.getLogger("sluice.test.failure-log");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  FailureLogTest() {
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  @AfterEach
  void detach() {
    logger.removeHandler(handler);
  }

  private static RuntimeException thrownHere() {
    return new IllegalStateException("a bug");
  }

  @Test
  void theSameCauseIsLoggedWithItsTraceOnceThenCounted() {
    FailureLog failures = new FailureLog(logger);

    failures.failed("SQS SendMessage failed (request 1)", thrownHere());
    failures.failed("SQS SendMessage failed (request 2)", thrownHere());
    failures.failed("SQS SendMessage failed (request 3)", thrownHere());

    assertEquals(3, records.size());
    assertNotNull(records.get(0).getThrown());
    assertNull(records.get(1).getThrown());
    assertNull(records.get(2).getThrown());
    assertTrue(records.get(2).getMessage().contains("request 3"), records.get(2).getMessage());
    assertTrue(records.get(2).getMessage().contains("3 times"), records.get(2).getMessage());
  }

  @Test
  void anotherCauseGetsItsOwnTrace() {
    FailureLog failures = new FailureLog(logger);

    failures.failed("first", thrownHere());
    failures.failed("second", new IllegalArgumentException("another bug"));

    assertNotNull(records.get(0).getThrown());
    assertNotNull(records.get(1).getThrown());
  }

  @Test
  void aStoreOutageIsLeftToTheOutageLog() {
    FailureLog failures = new FailureLog(logger);

    for (int i = 0; i < 3; i++) {
      failures.failed("Firehose could not claim Kinesis sources to read", new java.util.concurrent.CompletionException(
          new io.sluice.storage.StoreUnavailableException("Redis at redis://127.0.0.1:1 is unavailable", null)));
    }

    assertEquals(List.of(), records);
  }
}

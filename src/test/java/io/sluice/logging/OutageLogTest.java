package io.sluice.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutageLogTest {
  private static final long SUMMARY_EVERY = TimeUnit.SECONDS.toNanos(30);
  private final Logger logger = Logger.getLogger(OutageLog.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final AtomicLong now = new AtomicLong();
  private final OutageLog outages = new OutageLog("Redis at redis://r:6379", "calls answer 503", now::get,
      SUMMARY_EVERY);

  @BeforeEach
  void capture() {
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    logger.removeHandler(capture);
  }

  @Test
  void anOutageIsLoggedOnceThenSummarizedWithItsCountThenItsEnd() {
    // Given the store answers
    outages.succeeded();
    assertEquals(List.of(), messages());

    // When 500 calls fail within the summary interval
    for (int i = 0; i < 500; i++) {
      outages.failed("connection refused");
    }
    // Then one line says so
    assertEquals(1, logged.size());
    assertTrue(messages().get(0).contains("Redis at redis://r:6379 is unavailable (connection refused); calls answer 503"), messages()::toString);
    assertTrue(outages.down());

    // When the interval passes and another call fails
    now.addAndGet(SUMMARY_EVERY);
    outages.failed("connection refused");
    // Then a summary counts the calls failed since the first line
    assertEquals(2, logged.size());
    assertTrue(messages().get(1).contains("500 failures in the last 30 s, 501 since it began 30 s ago"),
        messages()::toString);

    // When a call succeeds
    now.addAndGet(TimeUnit.SECONDS.toNanos(5));
    outages.succeeded();
    outages.succeeded();
    // Then one line ends the outage
    assertEquals(3, logged.size());
    assertEquals(Level.INFO, logged.get(2).getLevel());
    assertTrue(messages().get(2).contains("available again after 35 s; 501 failures during the outage"), messages()::toString);
    assertFalse(outages.down());
  }

  @Test
  void aNewOutageIsLoggedAgainWithItsOwnCount() {
    outages.failed("connection refused");
    outages.failed("connection refused");
    outages.succeeded();

    now.addAndGet(SUMMARY_EVERY);
    outages.failed("connection lost (Connection reset)");
    outages.succeeded();

    assertEquals(4, logged.size());
    assertTrue(messages().get(2).contains("is unavailable (connection lost (Connection reset))"), messages()::toString);
    assertTrue(messages().get(3).contains("; 1 failures during the outage"), messages()::toString);
  }

  @Test
  void failingAgainSoonAfterTheEndContinuesTheOutageWithoutANewWarning() {
    // Given an outage that ended a moment ago
    outages.failed("Too many open files");
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    outages.succeeded();

    // When it fails again within the summary interval, and for longer
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    outages.failed("Too many open files");
    now.addAndGet(SUMMARY_EVERY);
    outages.failed("Too many open files");

    // Then no second warning opened it, and the summary counts every failure since it began
    assertEquals(1, messages().stream().filter(m -> m.contains(" is unavailable (")).count(), messages()::toString);
    assertTrue(messages().get(2).contains("is still unavailable (Too many open files): 2 failures in the last 32 s,"
        + " 3 since it began 32 s ago"), messages()::toString);
    assertTrue(outages.down());
  }

  private List<String> messages() {
    return logged.stream().map(LogRecord::getMessage).toList();
  }
}

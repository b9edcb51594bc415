package io.sluice.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What became of many held polls (e, v): each either failed or was answered with what it waited for
 * (early if before {@link #answering()}); a poll whose time ran out empty is counted and opened again
 * by its caller. Each poll ends once, with {@link #failed} or {@link #finished}.
 */
final class HeldPollTally {
  final AtomicLong answeredEarly = new AtomicLong();
  final AtomicLong answered = new AtomicLong();
  final AtomicLong rearmed = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicReference<String> firstError = new AtomicReference<>();
  private final AtomicLong answering = new AtomicLong(Long.MAX_VALUE);
  private final CountDownLatch ended;

  HeldPollTally(int polls) {
    this.ended = new CountDownLatch(polls);
  }

  /** A poll failed; it has ended. */
  void failed(String why) {
    errors.incrementAndGet();
    firstError.compareAndSet(null, why);
    ended.countDown();
  }

  /** A poll's time ran out before anything came; its caller holds it again. */
  void rearmed() {
    rearmed.incrementAndGet();
  }

  /** A poll was answered with what it waited for. */
  void answered() {
    if (System.nanoTime() < answering.get()) {
      answeredEarly.incrementAndGet();
    }
    answered.incrementAndGet();
  }

  /** A poll has ended (after {@link #answered()} and whatever its caller does with the answer). */
  void finished() {
    ended.countDown();
  }

  /** From now on the polls are meant to be answered. */
  void answering() {
    answering.set(System.nanoTime());
  }

  /** Waits until every poll ended, at most {@code seconds}; notes the rest as an error. */
  void await(int seconds, String after) {
    try {
      if (!ended.await(seconds, TimeUnit.SECONDS)) {
        firstError.compareAndSet(null, ended.getCount() + " polls still unanswered " + seconds + " s after " + after);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Failed polls and those that never ended. */
  long errorsAndUnended() {
    return errors.get() + ended.getCount();
  }
}

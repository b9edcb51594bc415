package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load driver: {@code concurrency} workers each run one step (one request, or one
 * receive-and-delete iteration) at a time, back to back, spread over the client's event loops.
 * Warm-up runs for a given time (or until a number of messages has been processed, so a pre-filled
 * queue is not used up before measuring); then steps that start and end within the measured window
 * are counted and their latency recorded. A step whose future yields 0 messages means "queue
 * drained": its worker stops, and the window ends at the last step that processed messages.
 */
final class ClosedLoop {
  private final List<Context> contexts;
  private final int concurrency;

  /** What one measurement gives. */
  record Outcome(double seconds, long steps, long messages, long errors, String firstError, Histogram latencyMicros,
                 double serverCores, double clientCores, boolean drained) {
    double messagesPerSecond() {
      return seconds <= 0 ? 0 : messages / seconds;
    }
  }

  ClosedLoop(List<Context> contexts, int concurrency) {
    this.contexts = contexts;
    this.concurrency = concurrency;
  }

  /**
   * Runs {@code step} until {@code warmup + duration} seconds have passed or every worker found the
   * queue drained. {@code warmupMessageCap} ends warm-up early once that many messages went through.
   */
  Outcome run(Supplier<Future<Integer>> step, int warmupSeconds, int durationSeconds, long warmupMessageCap,
              CpuMeter server) {
    ConcurrentHistogram histogram = new ConcurrentHistogram(1, TimeUnit.SECONDS.toMicros(60), 3);
    LongAdder steps = new LongAdder();
    LongAdder messages = new LongAdder();
    LongAdder warmupMessages = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong lastMeasured = new AtomicLong(Long.MIN_VALUE);
    CountDownLatch finished = new CountDownLatch(concurrency);
    long begin = System.nanoTime();
    // measureStart is published once warm-up ends; until then it is "far future".
    AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong measureEnd = new AtomicLong(Long.MAX_VALUE);
    AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);

    final class Worker {
      final Context context;

      Worker(Context context) {
        this.context = context;
      }

      void next() {
        long t0 = System.nanoTime();
        if (t0 >= stopAt.get()) {
          finished.countDown();
          return;
        }
        Future<Integer> f;
        try {
          f = step.get();
        } catch (RuntimeException e) {
          f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
          long t1 = System.nanoTime();
          boolean measured = t0 >= measureStart.get() && t1 <= measureEnd.get();
          if (ar.failed()) {
            errors.increment();
            firstError.compareAndSet(null, String.valueOf(ar.cause().getMessage()));
            // Go on from a fresh stack, so failing fast cannot recurse.
            context.runOnContext(v -> next());
            return;
          }
          int n = ar.result();
          if (n == 0) {
            finished.countDown();
            return;
          }
          if (measured) {
            steps.increment();
            messages.add(n);
            histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
            lastMeasured.accumulateAndGet(t1, Math::max);
          } else if (t0 < measureStart.get()) {
            warmupMessages.add(n);
          }
          next();
        });
      }
    }

    CpuMeter client = CpuMeter.self();
    for (int i = 0; i < concurrency; i++) {
      Worker w = new Worker(contexts.get(i % contexts.size()));
      w.context.runOnContext(v -> w.next());
    }
    long warmupEnd = begin + TimeUnit.SECONDS.toNanos(warmupSeconds);
    try {
      while (System.nanoTime() < warmupEnd && warmupMessages.sum() < warmupMessageCap && finished.getCount() > 0) {
        Thread.sleep(5);
      }
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
      measureEnd.set(end);
      measureStart.set(start);
      server.start();
      client.start();
      finished.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      double serverCores = server.coresSinceStart();
      double clientCores = client.coresSinceStart();
      // Workers only finish before stopAt is set when they found the queue empty.
      boolean drained = finished.getCount() == 0;
      stopAt.set(System.nanoTime());
      if (!finished.await(60, TimeUnit.SECONDS)) {
        errors.increment();
        firstError.compareAndSet(null, "requests still unanswered 60 s after the run");
      }
      long windowEnd = drained && lastMeasured.get() != Long.MIN_VALUE ? Math.min(lastMeasured.get(), end) : end;
      double seconds = Math.max(0, (windowEnd - start) / 1e9);
      return new Outcome(seconds, steps.sum(), messages.sum(), errors.sum(), firstError.get(),
          histogram, serverCores, clientCores, drained);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>Warm-up runs in windows of equal length. After each window every worker finishes its step and
 * waits, so the scenario can change what the steps work on (a fresh queue, so that no backlog
 * builds up over a long warm-up) while nothing is in flight. With a {@link Settle} that is not
 * fixed, warm-up ends at the first window, after the minimum, whose rate differs from the previous
 * window's by less than the tolerance while the server's JIT compilers were quiet in it; or at the
 * cap, marked unsettled. Then the load stops once more for the scenario's switch to the measured
 * queue, and measuring starts with every worker at once: steps that start and end within the
 * measured window are counted and their latency recorded. A step whose future yields 0 messages
 * means "queue drained" while measuring (its worker stops, and the window ends at the last step
 * that processed messages) and is simply repeated during warm-up.
 */
final class ClosedLoop {
  private final List<Context> contexts;
  private final int concurrency;

  /**
   * What one measurement gives; {@code warmup} says how the server was warmed, {@code jitCores} what
   * its JIT compilers still used while measured, {@code otherCores} what processes other than the
   * server and the client used meanwhile (other work on the machine).
   */
  record Outcome(double seconds, long steps, long messages, long errors, String firstError, Histogram latencyMicros,
                 double serverCores, double clientCores, boolean drained, Warmup warmup, double jitCores,
                 double otherCores) {
    double messagesPerSecond() {
      return seconds <= 0 ? 0 : messages / seconds;
    }
  }

  /**
   * How warm-up ends. Fixed: after {@code minSeconds} (one window). Otherwise windows of
   * {@code windowSeconds} until two in a row differ by less than {@code tolerance} (a fraction) and
   * the JIT compilers used under {@code jitQuietCores} in the later one, not before
   * {@code minSeconds} and at most {@code maxSeconds}.
   */
  record Settle(boolean fixed, int minSeconds, int maxSeconds, int windowSeconds, double tolerance,
                double jitQuietCores) {
    static Settle fixed(int seconds) {
      return new Settle(true, seconds, seconds, Math.max(1, seconds), 0, 0);
    }
  }

  /**
   * How warm-up went: its length in seconds of load, each window's rate (messages/s) and the cores
   * the server's JIT compilers used in it, and whether the rate settled before the cap.
   */
  record Warmup(boolean fixed, double seconds, List<Double> windowRates, List<Double> windowJitCores, boolean settled) {
    /** The window rates in thousands, "1.3k → 4.4k → …", for the console and the report. */
    String trace() {
      List<String> parts = new ArrayList<>();
      for (double r : windowRates) {
        parts.add(r >= 1000 ? String.format(Locale.ROOT, "%.1fk", r / 1000) : String.format(Locale.ROOT, "%.0f", r));
      }
      return String.join(" → ", parts);
    }
  }

  ClosedLoop(List<Context> contexts, int concurrency) {
    this.contexts = contexts;
    this.concurrency = concurrency;
  }

  /** Fixed warm-up of {@code warmupSeconds}, nothing changed before measuring. */
  Outcome run(Supplier<Future<Integer>> step, int warmupSeconds, int durationSeconds, CpuMeter server) {
    return run(step, Settle.fixed(warmupSeconds), () -> { }, () -> { }, durationSeconds, server, new JitMeter(List.of()));
  }

  /**
   * Warms up as {@code settle} says, running {@code betweenWindows} after each warm-up window but
   * the last and {@code beforeMeasuring} after the last (both while no step is in flight), then
   * measures for {@code durationSeconds} or until every worker found the queue drained.
   */
  Outcome run(Supplier<Future<Integer>> step, Settle settle, Runnable betweenWindows, Runnable beforeMeasuring,
              int durationSeconds, CpuMeter server, JitMeter jit) {
    ConcurrentHistogram histogram = new ConcurrentHistogram(1, TimeUnit.SECONDS.toMicros(60), 3);
    LongAdder steps = new LongAdder();
    LongAdder messages = new LongAdder();
    LongAdder windowMessages = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong lastMeasured = new AtomicLong(Long.MIN_VALUE);
    CountDownLatch finished = new CountDownLatch(concurrency);
    // Until measuring starts, measureStart is "far future"; windowEnd bounds the current warm-up window.
    AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong measureEnd = new AtomicLong(Long.MAX_VALUE);
    AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
    AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
    AtomicReference<CountDownLatch> pause = new AtomicReference<>();
    Queue<Runnable> parked = new ConcurrentLinkedQueue<>();

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
        CountDownLatch p = pause.get();
        if (p != null) {
          parked.add(() -> context.runOnContext(v -> next()));
          p.countDown();
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
          boolean measuring = t0 >= measureStart.get();
          if (ar.failed()) {
            errors.increment();
            firstError.compareAndSet(null, String.valueOf(ar.cause().getMessage()));
            // Go on from a fresh stack, so failing fast cannot recurse.
            context.runOnContext(v -> next());
            return;
          }
          int n = ar.result();
          if (n == 0 && measuring) {
            finished.countDown();
            return;
          }
          if (measuring && t1 <= measureEnd.get()) {
            steps.increment();
            messages.add(n);
            histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
            lastMeasured.accumulateAndGet(t1, Math::max);
          } else if (!measuring && t1 <= windowEnd.get()) {
            windowMessages.add(n);
          }
          if (n == 0) {
            context.runOnContext(v -> next());
          } else {
            next();
          }
        });
      }
    }

    CpuMeter client = CpuMeter.self();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      workers.add(new Worker(contexts.get(i % contexts.size())));
    }
    try {
      List<Double> rates = new ArrayList<>();
      List<Double> jitCores = new ArrayList<>();
      boolean settled = false;
      long warmNanos = 0;
      boolean first = true;
      if (settle.minSeconds() > 0 || !settle.fixed()) {
        while (true) {
          long windowNanos = TimeUnit.SECONDS.toNanos(settle.fixed() ? settle.minSeconds() : settle.windowSeconds());
          windowMessages.reset();
          jit.start();
          long start = System.nanoTime();
          windowEnd.set(start + windowNanos);
          if (first) {
            workers.forEach(w -> w.context.runOnContext(v -> w.next()));
            first = false;
          } else {
            resume(pause, parked);
          }
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(windowNanos));
          park(pause);
          warmNanos += windowNanos;
          double rate = windowMessages.sum() / (windowNanos / 1e9);
          double jitNow = jit.coresSinceStart();
          rates.add(rate);
          jitCores.add(jitNow);
          if (settle.fixed()) {
            break;
          }
          int k = rates.size();
          boolean quiet = jitNow < settle.jitQuietCores();
          boolean steady = k >= 2 && Math.abs(rate - rates.get(k - 2)) < settle.tolerance() * Math.max(rate, rates.get(k - 2));
          if (quiet && steady && warmNanos >= TimeUnit.SECONDS.toNanos(settle.minSeconds())) {
            settled = true;
            break;
          }
          if (warmNanos + windowNanos > TimeUnit.SECONDS.toNanos(settle.maxSeconds())) {
            break;
          }
          betweenWindows.run();
        }
      }
      beforeMeasuring.run();
      Warmup warmup = new Warmup(settle.fixed(), warmNanos / 1e9, rates, jitCores, settled);

      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
      measureEnd.set(end);
      measureStart.set(start);
      CpuMeter machine = CpuMeter.machine();
      server.start();
      client.start();
      machine.start();
      jit.start();
      if (first) {
        workers.forEach(w -> w.context.runOnContext(v -> w.next()));
      } else {
        resume(pause, parked);
      }
      finished.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      double serverCores = server.coresSinceStart();
      double clientCores = client.coresSinceStart();
      double jitMeasured = jit.coresSinceStart();
      double otherCores = Math.max(0, machine.coresSinceStart() - serverCores - clientCores);
      // Workers only finish before stopAt is set when they found the queue empty.
      boolean drained = finished.getCount() == 0;
      stopAt.set(System.nanoTime());
      if (!finished.await(60, TimeUnit.SECONDS)) {
        errors.increment();
        firstError.compareAndSet(null, "requests still unanswered 60 s after the run");
      }
      long windowStop = drained && lastMeasured.get() != Long.MIN_VALUE ? Math.min(lastMeasured.get(), end) : end;
      double seconds = Math.max(0, (windowStop - start) / 1e9);
      return new Outcome(seconds, steps.sum(), messages.sum(), errors.sum(), firstError.get(),
          histogram, serverCores, clientCores, drained, warmup, jitMeasured, otherCores);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Lets every worker finish its step and wait; fails if steps stay unanswered for a minute. */
  private void park(AtomicReference<CountDownLatch> pause) throws InterruptedException {
    CountDownLatch p = new CountDownLatch(concurrency);
    pause.set(p);
    if (!p.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("requests still unanswered 60 s after a warm-up window");
    }
  }

  /** Sets every waiting worker going again. */
  private static void resume(AtomicReference<CountDownLatch> pause, Queue<Runnable> parked) {
    pause.set(null);
    for (Runnable r = parked.poll(); r != null; r = parked.poll()) {
      r.run();
    }
  }
}

package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop driver for latency scenarios: {@code total} calls, call {@code i} started at
 * {@code begin + i / rate} from the calling thread whether or not earlier ones were answered. The
 * scenario stamps the arrival of what call {@code i} sent ({@link #arrived}, {@link System#nanoTime()},
 * usually from the index carried in the payload); {@link #latencies} are then arrival minus start of
 * each answered call from an index on. A failed call counts as an error and is left out of
 * everything else.
 */
final class OpenLoop {
  final int total;
  /** When call i started; 0 if it failed. */
  final AtomicLongArray started;
  /** How long call i took; 0 until answered. */
  final AtomicLongArray callNanos;
  /** When what call i sent arrived where the scenario looks for it; 0 until then. */
  final AtomicLongArray arrived;
  final LongAdder duplicates = new LongAdder();
  final LongAdder errors = new LongAdder();
  final AtomicReference<String> firstError = new AtomicReference<>();
  private long begin;
  private double achievedRate;

  OpenLoop(int total) {
    this.total = total;
    this.started = new AtomicLongArray(total);
    this.callNanos = new AtomicLongArray(total);
    this.arrived = new AtomicLongArray(total);
  }

  /** Stamps the arrival of call {@code i}'s payload at {@code nanos}; a second arrival counts as a duplicate. */
  void arrived(int i, long nanos) {
    if (i >= 0 && i < total && !arrived.compareAndSet(i, 0, nanos)) {
      duplicates.increment();
    }
  }

  /** Starts the calls at {@code rate} per second; returns when the last was started. */
  void run(int rate, IntFunction<CompletableFuture<?>> call) {
    begin = System.nanoTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    for (int i = 0; i < total; i++) {
      long wait = begin + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      long t0 = System.nanoTime();
      started.set(i, t0);
      call.apply(i).whenComplete((r, e) -> {
        if (e != null) {
          errors.increment();
          firstError.compareAndSet(null, Scenarios.rootMessage(e));
          started.set(index, 0);
        } else {
          callNanos.set(index, System.nanoTime() - t0);
        }
      });
    }
    achievedRate = total / ((System.nanoTime() - begin) / 1e9);
  }

  /** Calls started per second. */
  double achievedRate() {
    return achievedRate;
  }

  /** Seconds since the first call started. */
  double secondsSinceBegin() {
    return (System.nanoTime() - begin) / 1e9;
  }

  /** Waits until nothing started is missing, at most {@code seconds}. */
  void awaitArrivals(int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && missing(0) > 0) {
      Servers.sleep(20);
    }
  }

  /** Calls from {@code from} on that did not fail and whose payload has not arrived. */
  long missing(int from) {
    long n = 0;
    for (int i = from; i < total; i++) {
      if (started.get(i) != 0 && arrived.get(i) == 0) {
        n++;
      }
    }
    return n;
  }

  /** Calls answered without error. */
  long answered() {
    long n = 0;
    for (int i = 0; i < total; i++) {
      n += callNanos.get(i) != 0 ? 1 : 0;
    }
    return n;
  }

  /** Start → arrival in nanoseconds of the calls from {@code from} on whose payload arrived. */
  long[] latencies(int from) {
    List<Long> out = new ArrayList<>();
    for (int i = from; i < total; i++) {
      if (started.get(i) != 0 && arrived.get(i) != 0) {
        out.add(arrived.get(i) - started.get(i));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** The call times in nanoseconds of the answered calls from {@code from} on. */
  long[] callTimes(int from) {
    List<Long> out = new ArrayList<>();
    for (int i = from; i < total; i++) {
      if (callNanos.get(i) != 0) {
        out.add(callNanos.get(i));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}

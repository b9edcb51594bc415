package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MessageArrivals} on Vert.x: each waiting receive is a registered waiter plus a timer; no
 * thread is held. A send wakes this node's waiters directly and, in a cluster, publishes the queue on
 * {@link SqsApi.MESSAGES_AVAILABLE} so every other node wakes its own.
 */
public final class LongPolls implements MessageArrivals {
  private final Vertx vertx;
  private final boolean clustered;
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();
  private volatile boolean closing;

  private final class Waiter {
    final String key;
    final Context context;
    final CompletableFuture<Boolean> done = new CompletableFuture<>();
    final AtomicBoolean finished = new AtomicBoolean();
    volatile long timerId;

    Waiter(String key, Context context) {
      this.key = key;
      this.context = context;
    }

    void complete(boolean keepWaiting) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      vertx.cancelTimer(timerId);
      remove(this);
      if (context != null) {
        context.runOnContext(v -> done.complete(keepWaiting));
      } else {
        done.complete(keepWaiting);
      }
    }
  }

  public LongPolls(Vertx vertx, boolean clustered) {
    this.vertx = vertx;
    this.clustered = clustered;
  }

  @Override
  public long epoch(QueueId queue) {
    AtomicLong epoch = epochs.get(queue.key());
    return epoch == null ? 0 : epoch.get();
  }

  @Override
  public CompletionStage<Boolean> await(QueueId queue, long sinceEpoch, long maxWaitMillis) {
    if (closing) {
      return CompletableFuture.completedFuture(false);
    }
    Waiter w = new Waiter(queue.key(), vertx.getOrCreateContext());
    w.timerId = vertx.setTimer(Math.max(1, maxWaitMillis), id -> w.complete(true));
    // Added inside compute, not after computeIfAbsent: otherwise a concurrent remove() could drop the
    // list as empty between the two steps, and this waiter would miss every wake-up until its timer.
    waiters.compute(w.key, (k, list) -> {
      List<Waiter> l = list != null ? list : new CopyOnWriteArrayList<>();
      l.add(w);
      return l;
    });
    // Registered first, checked second: a wake (or closeAll) racing with this call either sees the
    // waiter or has already moved the epoch (or set closing).
    if (closing) {
      remove(w);
      w.complete(false);
    } else if (w.finished.get() || epoch(queue) != sinceEpoch) {
      remove(w);
      w.complete(true);
    }
    return w.done;
  }

  @Override
  public void announce(QueueId queue) {
    if (clustered) {
      vertx.eventBus().publish(SqsApi.MESSAGES_AVAILABLE, queue.key());
    } else {
      wake(queue.key());
    }
  }

  @Override
  public long monotonicMillis() {
    return System.nanoTime() / 1_000_000;
  }

  /** Wakes every waiter of a queue on this node (a local send or a cluster announcement). */
  public void wake(String queueKey) {
    epochs.computeIfAbsent(queueKey, k -> new AtomicLong()).incrementAndGet();
    List<Waiter> list = waiters.get(queueKey);
    if (list != null) {
      for (Waiter w : new ArrayList<>(list)) {
        w.complete(true);
      }
    }
  }

  /** Answers every held poll now and refuses new waits (graceful shutdown). */
  public void closeAll() {
    closing = true;
    for (List<Waiter> list : waiters.values()) {
      for (Waiter w : new ArrayList<>(list)) {
        w.complete(false);
      }
    }
  }

  /** Number of polls currently held on this node. */
  public int held() {
    return waiters.values().stream().mapToInt(List::size).sum();
  }

  private void remove(Waiter w) {
    waiters.computeIfPresent(w.key, (k, list) -> {
      list.remove(w);
      return list.isEmpty() ? null : list;
    });
  }
}

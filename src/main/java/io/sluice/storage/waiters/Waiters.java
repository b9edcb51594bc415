package io.sluice.storage.waiters;

import io.sluice.ids.RandomIds;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * Requests that wait for something to happen to a stored resource (messages on an SQS queue, a task
 * on an SWF task list), held without a thread: each wait is a registered waiter plus a Vert.x timer.
 * One instance per service and node.
 *
 * <p>{@link #signal} wakes this node's waiters of a resource at once and, when the Vert.x instance
 * is clustered, publishes the resource's key on the owning service's address (a
 * {@code <service>.<purpose>} constant) so that every other node wakes its own.
 *
 * <p>A waiter first reads the resource's {@link #epoch}, then looks at the store, then
 * {@link #await}s with that epoch: a signal that lands between the look and the wait has moved the
 * epoch, and the wait ends at once instead of missing it.
 *
 * <p>A wait completes on the Vert.x context it was started from, with {@link Outcome#SIGNALLED},
 * {@link Outcome#TIMED_OUT}, or {@link Outcome#CLOSING} once {@link #closeAll} was called (graceful
 * shutdown: every held wait answers now and none is held again).
 *
 * @param <K> the resource type; its key (see {@link #start}) names it on the bus
 */
public final class Waiters<K> {
  /** Names the node that published a signal, so that it does not wake its own waiters twice. */
  private static final String ORIGIN_HEADER = "sluice-origin";
  /** Stripes of {@link #epochs}, a power of two. */
  private static final int EPOCH_STRIPES = 4096;

  /** How a wait ended. */
  public enum Outcome {
    /** The resource was signalled (possibly before the wait began, see {@link #epoch}): look again. */
    SIGNALLED,
    /** The wait's time is up. */
    TIMED_OUT,
    /** The node is shutting down: answer now. */
    CLOSING
  }

  private final Vertx vertx;
  private final String address;
  private final Function<? super K, String> keyOf;
  private final MonotonicClock clock;
  private final String origin = RandomIds.uuid();
  private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
  /**
   * Signal counts by stripe of resource keys: bounded whatever number of resources a node sees in
   * its life. Resources sharing a stripe only cost a waiter one more look at the store.
   */
  private final AtomicLongArray epochs = new AtomicLongArray(EPOCH_STRIPES);
  private volatile MessageConsumer<String> signals;
  private volatile boolean closing;

  private Waiters(Vertx vertx, String address, Function<? super K, String> keyOf, MonotonicClock clock) {
    this.vertx = vertx;
    this.address = address;
    this.keyOf = keyOf;
    this.clock = clock;
  }

  /**
   * Waiters for the resources named by {@code keyOf}; when {@code vertx} is clustered, signals travel
   * on {@code address} and the future completes once this node listens there.
   */
  public static <K> Future<Waiters<K>> start(Vertx vertx, String address, Function<? super K, String> keyOf,
                                             MonotonicClock clock) {
    Waiters<K> waiters = new Waiters<>(vertx, address, keyOf, clock);
    if (!vertx.isClustered()) {
      return Future.succeededFuture(waiters);
    }
    MessageConsumer<String> consumer = vertx.eventBus().<String>consumer(address, m -> {
      if (!waiters.origin.equals(m.headers().get(ORIGIN_HEADER))) {
        waiters.wakeHere(m.body());
      }
    });
    waiters.signals = consumer;
    return consumer.completion().map(registered -> waiters);
  }

  /** The clock wait deadlines are measured with. */
  public MonotonicClock clock() {
    return clock;
  }

  /**
   * How many signals this node has seen for {@code resource} (and the resources that share its
   * stripe). Read it before looking at the store and pass it to {@link #await}.
   */
  public long epoch(K resource) {
    return epochs.get(stripe(keyOf.apply(resource)));
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (EPOCH_STRIPES - 1);
  }

  /**
   * Waits until {@code resource} is signalled, or has been since {@code sinceEpoch} (then at once), or
   * {@code maxWaitMillis} passed, or the node shuts down.
   */
  public CompletionStage<Outcome> await(K resource, long sinceEpoch, long maxWaitMillis) {
    if (closing) {
      return CompletableFuture.completedFuture(Outcome.CLOSING);
    }
    String key = keyOf.apply(resource);
    Waiter w = new Waiter(key, vertx.getOrCreateContext());
    // Added inside compute: a concurrent remove() could otherwise drop the set as empty between
    // a lookup and the add, and this waiter would miss every signal until its timer.
    waiting.compute(key, (k, set) -> {
      Set<Waiter> s = set != null ? set : ConcurrentHashMap.newKeySet();
      s.add(w);
      return s;
    });
    // Registered first, checked second: a signal (or closeAll) racing with this call either sees the
    // waiter or has already moved the epoch (or set closing).
    if (closing) {
      w.complete(Outcome.CLOSING);
    } else if (epoch(resource) != sinceEpoch) {
      w.complete(Outcome.SIGNALLED);
    } else {
      w.startTimer(Math.max(1, maxWaitMillis));
    }
    return w.done;
  }

  /** Tells the waiters of {@code resource} on every node that it changed. */
  public void signal(K resource) {
    String key = keyOf.apply(resource);
    wakeHere(key);
    if (signals != null) {
      vertx.eventBus().publish(address, key, new DeliveryOptions().addHeader(ORIGIN_HEADER, origin));
    }
  }

  /** Answers every held wait now with {@link Outcome#CLOSING} and refuses new ones (graceful shutdown). */
  public void closeAll() {
    closing = true;
    waiting.values().forEach(set -> set.forEach(w -> w.complete(Outcome.CLOSING)));
  }

  /** Number of waits currently held on this node. */
  public int held() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }

  /** Stops listening for other nodes' signals. */
  public Future<Void> stop() {
    MessageConsumer<String> consumer = signals;
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void wakeHere(String key) {
    epochs.incrementAndGet(stripe(key));
    Set<Waiter> set = waiting.get(key);
    if (set != null) {
      set.forEach(w -> w.complete(Outcome.SIGNALLED));
    }
  }

  private void remove(Waiter w) {
    waiting.computeIfPresent(w.key, (k, set) -> {
      set.remove(w);
      return set.isEmpty() ? null : set;
    });
  }

  private final class Waiter {
    private static final long NO_TIMER = -1;
    final String key;
    final Context context;
    final CompletableFuture<Outcome> done = new CompletableFuture<>();
    final AtomicBoolean finished = new AtomicBoolean();
    final AtomicLong timerId = new AtomicLong(NO_TIMER);

    Waiter(String key, Context context) {
      this.key = key;
      this.context = context;
    }

    void startTimer(long delayMillis) {
      timerId.set(vertx.setTimer(delayMillis, id -> complete(Outcome.TIMED_OUT)));
      if (finished.get()) {
        // Signalled while the timer was being set: the timer is of no more use.
        vertx.cancelTimer(timerId.get());
      }
    }

    void complete(Outcome outcome) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      long timer = timerId.get();
      if (timer != NO_TIMER) {
        vertx.cancelTimer(timer);
      }
      remove(this);
      context.runOnContext(v -> done.complete(outcome));
    }
  }
}

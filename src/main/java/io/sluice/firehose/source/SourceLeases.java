package io.sluice.firehose.source;

import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.logging.FailureLog;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.time.Timers;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Which node reads which Kinesis source, through the durable {@link Scheduler} (its own, named
 * {@value #SCHEDULER}): each KinesisStreamAsSource delivery stream has one item (partition: the
 * delivery stream's ARN, id: {@code kinesis-source/<generation>}), added when it is created. Every
 * poll interval this node renews the lease of each source it reads and polls its
 * {@link KinesisSourceReader}, then claims sources nobody holds (new ones, or those of a node that
 * died and stopped renewing); a source whose renewal fails was taken over and is dropped here, one
 * whose delivery stream is gone is completed. At most one node reads a source at a time while each
 * renews in time, and the store's checkpoint step keeps records from being buffered twice when two
 * briefly overlap. {@link #stop} hands this node's sources back at once.
 */
public final class SourceLeases {
  /** The name of the scheduler holding the sources. */
  public static final String SCHEDULER = "firehose-sources";
  private static final String ITEM_PREFIX = "kinesis-source/";
  private static final int CLAIM_BATCH = 100;
  private static final Logger LOG = Logger.getLogger(SourceLeases.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);

  /** A source this node reads: its item's holder and its reader. */
  private record Held(Scheduler.ItemRef ref, String holder, KinesisSourceReader reader) {}

  private final Scheduler scheduler;
  private final InstantSource clock;
  private final Timers timers;
  private final long pollMillis;
  private final long leaseMillis;
  private final String owner;
  private final Function<Item, KinesisSourceReader> readers;
  private final Map<Scheduler.ItemRef, Held> held = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile Timers.Timer timer;
  private volatile boolean stopped;

  /**
   * @param readers a reader for a claimed item ({@link #streamOf}, {@link #generationOf} name its stream)
   * @param owner   this node, as leases name it
   */
  public SourceLeases(Scheduler scheduler, InstantSource clock, Timers timers, long pollMillis, long leaseMillis,
                      String owner, Function<Item, KinesisSourceReader> readers) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.timers = timers;
    this.pollMillis = pollMillis;
    this.leaseMillis = leaseMillis;
    this.owner = owner;
    this.readers = readers;
  }

  /** The scheduler item of a new delivery stream's source, free and due at {@code dueAt}. */
  public static Item item(DeliveryStreamRecord stream, long dueAt) {
    DeliveryStreamId id = stream.id();
    String payload = id.region() + "/" + id.account() + "/" + id.name();
    return new Item(ITEM_PREFIX + stream.createdMillis(), id.arn(), null, 0, dueAt, null,
        payload.getBytes(StandardCharsets.UTF_8), null);
  }

  /** The delivery stream an item of {@link #item} reads for. */
  public static DeliveryStreamId streamOf(Item item) {
    String[] parts = new String(item.payload(), StandardCharsets.UTF_8).split("/", 3);
    return new DeliveryStreamId(parts[0], parts[1], parts[2]);
  }

  /** The generation of the delivery stream an item of {@link #item} reads for. */
  public static long generationOf(Item item) {
    return Long.parseLong(item.id().substring(ITEM_PREFIX.length()));
  }

  /** Starts polling every poll interval. */
  public void start() {
    timer = timers.every(pollMillis, this::poll);
  }

  /** How many sources this node reads now. */
  public int reading() {
    return held.size();
  }

  /**
   * One round: renew and poll the sources held, then claim free ones (polled from the next round).
   * A round still running when the next falls due makes that one skip.
   */
  public CompletionStage<Void> poll() {
    if (stopped || !polling.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletionStage<Void>> rounds = new ArrayList<>();
    for (Held h : held.values()) {
      rounds.add(round(h));
    }
    return CompletableFuture.allOf(rounds.stream().map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new))
        .thenCompose(done -> claim())
        .whenComplete((done, failure) -> {
          polling.set(false);
          if (failure != null) {
            FAILURES.failed("Firehose could not claim Kinesis sources to read", failure);
          }
        });
  }

  private CompletionStage<Void> round(Held h) {
    long now = clock.millis();
    return scheduler.renew(h.ref(), h.holder(), now + leaseMillis).thenCompose(renewed -> {
      if (!renewed) {
        held.remove(h.ref());
        LOG.fine(() -> "Firehose source " + h.ref() + " was taken over by another node");
        return CompletableFuture.completedFuture(null);
      }
      return h.reader().poll(now).thenCompose(outcome -> {
        if (outcome == KinesisSourceReader.Outcome.GONE) {
          held.remove(h.ref());
          return scheduler.complete(List.of(h.ref()));
        }
        return CompletableFuture.completedFuture(null);
      });
    }).exceptionally(failure -> {
      FAILURES.failed("Firehose source " + h.ref().partition() + " could not be read", failure);
      return null;
    });
  }

  private CompletionStage<Void> claim() {
    long now = clock.millis();
    return scheduler.claim(now, CLAIM_BATCH, owner, now + leaseMillis).thenAccept(items -> {
      for (Item item : items) {
        held.put(item.ref(), new Held(item.ref(), item.holder(), readers.apply(item)));
      }
    });
  }

  /** Stops polling and hands every source this node reads back, due at once for another node. */
  public CompletionStage<Void> stop() {
    stopped = true;
    Timers.Timer t = timer;
    if (t != null) {
      t.cancel();
    }
    long now = clock.millis();
    List<CompletableFuture<Boolean>> released = new ArrayList<>();
    for (Held h : held.values()) {
      released.add(scheduler.reschedule(h.ref(), h.holder(), 0, now).toCompletableFuture());
    }
    held.clear();
    return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).exceptionally(failure -> null);
  }
}

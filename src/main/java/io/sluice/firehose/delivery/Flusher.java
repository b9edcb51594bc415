package io.sluice.firehose.delivery;

import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.delivery.RecordProcessing.ErrorLine;
import io.sluice.firehose.delivery.RecordProcessing.Processed;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.store.DeliveryStreamStore;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.firehose.store.NextFlush;
import io.sluice.ids.RandomIds;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import io.sluice.time.Timers;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Flushes buffers to their destinations. A flush (the store's {@linkplain DeliveryStreamStore#flushes
 * flushes scheduler}: one item per stream destination with records to deliver) is made by the node
 * that holds it: the node whose put made it due at once ({@link #start}), or the node whose periodic
 * sweep claimed it once its interval ended or its holder's lease ran out. A flush reads the
 * destination's pending records (up to its buffering size), processes them ({@link RecordProcessing}:
 * failures to the error output), delivers them ({@link DestinationDelivery}, retrying what failed
 * with doubling waits until the destination's retry duration is over, then giving the rest up to
 * its error output), and then moves the destination's cursor past them in one store step
 * ({@link DeliveryStreamStore#flushed}), which also schedules the next flush. While it works, the
 * node renews its lease every third of it; a node that loses its lease (it stalled) stops at the
 * next step and the store refuses its cursor move. Delivery is at least once: a node that dies
 * mid-flush leaves the cursor where it was, and the node that takes over delivers those records
 * again.
 *
 * <p>Time comes only from the injected clock and timers.
 */
public final class Flusher {
  private static final Logger LOG = Logger.getLogger(Flusher.class.getName());

  private final DeliveryStreamStore store;
  private final Scheduler flushes;
  private final Map<String, DestinationDelivery> deliveries;
  private final RecordProcessing processing;
  private final S3Output s3;
  private final InstantSource clock;
  private final Timers timers;
  private final FirehoseConfig.Flush config;
  private final FlushListener listener;
  private final StoredRecords stored;
  /** Whose leases this node's are (the prefix of its holders). */
  private final String owner = "firehose-" + RandomIds.uuid();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final Set<CompletableFuture<Void>> underWay = ConcurrentHashMap.newKeySet();
  /** Retries waiting for their time, each with its timer: a stop ends them at once. */
  private final Map<CompletableFuture<Void>, Timers.Timer> waiting = new ConcurrentHashMap<>();
  /** The most a stop waits for flushes under way. */
  private static final long STOP_WAIT_MILLIS = 10_000;
  private Timers.Timer sweepTimer;
  private volatile boolean closed;

  /**
   * @param deliveries one per destination kind it delivers (each registered under all its kinds)
   * @param processing the processing of records before delivery
   * @param s3         where processing failures are written
   * @param listener   told about each delivery's outcome (metrics)
   * @param stored     how records are kept in the buffer (opened before processing)
   */
  public Flusher(DeliveryStreamStore store, List<DestinationDelivery> deliveries, RecordProcessing processing,
                 S3Output s3, InstantSource clock, Timers timers, FirehoseConfig.Flush config,
                 FlushListener listener, StoredRecords stored) {
    this.store = store;
    this.flushes = store.flushes();
    Map<String, DestinationDelivery> byKind = new LinkedHashMap<>();
    for (DestinationDelivery d : deliveries) {
      d.kinds().forEach(kind -> byKind.put(kind, d));
    }
    this.deliveries = Map.copyOf(byKind);
    this.processing = processing;
    this.s3 = s3;
    this.clock = clock;
    this.timers = timers;
    this.config = config;
    this.listener = listener;
    this.stored = stored;
  }

  /** Starts the periodic sweep for flushes that fell due. */
  public void start() {
    sweepTimer = timers.every(config.sweepMs(), this::sweep);
  }

  /**
   * Stops sweeping and retrying: flushes waiting to retry hand their flush back at once (due now, for
   * any node to claim); completes when the flushes under way have stored their outcome, or after
   * {@value #STOP_WAIT_MILLIS} ms at the latest. What is left stays in the store for the node that
   * claims it next (a flush still held here once its lease ran out).
   */
  public CompletionStage<Void> stop() {
    closed = true;
    if (sweepTimer != null) {
      sweepTimer.cancel();
    }
    waiting.forEach((retry, timer) -> {
      timer.cancel();
      retry.completeExceptionally(new Stopping());
    });
    List<CompletableFuture<Void>> pending = List.copyOf(underWay);
    CompletableFuture<Void> settled = new CompletableFuture<>();
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> settled.complete(null));
    timers.once(Math.min(config.leaseMs(), STOP_WAIT_MILLIS), () -> settled.complete(null));
    return settled;
  }

  /** A flush ended by the node's stop: its records stay for another node. */
  private static final class Stopping extends RuntimeException {
    Stopping() {
      super("the node is stopping", null, false, false);
    }
  }

  /** The plan a put stores records under: a flush due at once is taken by this node, under a fresh lease. */
  public FlushPlan planForPut(DeliveryStreamRecord stream) {
    Destination d = stream.destinations().get(0);
    return plan(d, Scheduler.newHolder(owner), clock.millis() + config.leaseMs());
  }

  /** Makes a flush this node took when it stored a put ({@link FlushPlan#holder()} holds it). */
  public void start(DeliveryStreamRecord stream, FlushPlan plan) {
    track(run(stream, plan));
  }

  /** Claims the flushes that fell due, as many as this node has room for, and makes them. */
  public void sweep() {
    if (closed || !sweeping.compareAndSet(false, true)) {
      return;
    }
    int room = config.concurrency() - running.get();
    if (room <= 0) {
      sweeping.set(false);
      return;
    }
    long now = clock.millis();
    flushes.claim(now, room, owner, now + config.leaseMs()).whenComplete((items, failure) -> {
      sweeping.set(false);
      if (failure != null) {
        LOG.log(Level.WARNING, "claiming Firehose flushes failed; the next sweep tries again", failure);
        return;
      }
      for (Item item : items) {
        track(claimed(item));
      }
    });
  }

  private void track(CompletionStage<Void> flush) {
    CompletableFuture<Void> f = flush.toCompletableFuture();
    underWay.add(f);
    f.whenComplete((v, t) -> underWay.remove(f));
  }

  /** A claimed flush: of the stream generation its payload names, else (the stream is gone) removed. */
  private CompletionStage<Void> claimed(Item item) {
    DeliveryStreamId id = idOf(item.partition());
    long generation = Long.parseLong(new String(item.payload(), StandardCharsets.UTF_8));
    long now = clock.millis();
    return store.find(id, now).thenCompose(found -> {
      DeliveryStreamRecord stream = found.orElse(null);
      if (stream == null || stream.createdMillis() != generation || stream.goneMillis() != null) {
        return flushes.complete(List.of(item.ref()));
      }
      Destination d = stream.destinations().get(0);
      if (!d.id().equals(item.id())) {
        return flushes.complete(List.of(item.ref()));
      }
      return run(stream, plan(d, item.holder(), item.dueAt()));
    }).exceptionally(t -> {
      LOG.log(Level.WARNING, "a Firehose flush of " + id + " failed; it is made again after its lease", t);
      return null;
    });
  }

  private static DeliveryStreamId idOf(String partition) {
    String[] parts = partition.substring("stream:".length()).split("/", 3);
    return new DeliveryStreamId(parts[0], parts[1], parts[2]);
  }

  private FlushPlan plan(Destination d, String holder, long leaseUntil) {
    BufferingHints hints = BufferingHints.of(d);
    return new FlushPlan(d.id(), hints.intervalMillis(), hints.sizeBytes(), holder, leaseUntil);
  }

  /** Flushes until the store says nothing more is due at once, renewing the lease meanwhile. */
  private CompletionStage<Void> run(DeliveryStreamRecord stream, FlushPlan plan) {
    running.incrementAndGet();
    ItemRef ref = new ItemRef(DeliveryStreamStore.flushPartition(stream.id()), plan.destinationId());
    Timers.Timer renewal = timers.every(Math.max(1, config.leaseMs() / 3), () ->
        flushes.renew(ref, plan.holder(), clock.millis() + config.leaseMs()));
    return loop(stream, plan).handle((v, t) -> {
      renewal.cancel();
      running.decrementAndGet();
      if (t == null) {
        return CompletableFuture.<Void>completedFuture(null);
      }
      Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
      if (cause instanceof Stopping) {
        // Handed back: due now, so another node claims it without waiting for the lease to end.
        return flushes.reschedule(ref, plan.holder(), 0, clock.millis()).<Void>thenApply(r -> null)
            .exceptionally(e -> null);
      }
      LOG.log(Level.WARNING, "a Firehose flush of " + stream.id() + " failed; it is made again after its lease", t);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(f -> f);
  }

  private CompletionStage<Void> loop(DeliveryStreamRecord stream, FlushPlan plan) {
    Destination d = stream.destinations().get(0);
    BufferingHints hints = BufferingHints.of(d);
    int objects = PARALLEL_KINDS.contains(d.kind()) ? config.parallelObjects() : 1;
    return store.pending(stream, d.id(), config.maxRecords(), hints.sizeBytes() * objects)
        .thenCompose(records -> records.isEmpty() ? CompletableFuture.completedFuture(null)
            : deliverInChunks(stream, d, due(chunks(records, hints.sizeBytes()), hints, clock.millis())))
        .thenCompose(last -> {
          FlushPlan renewed = plan.heldBy(plan.holder(), clock.millis() + config.leaseMs());
          return store.flushed(stream, renewed, last == null ? null : last.recordId(),
              last == null ? 0 : last.bytes(), clock.millis());
        })
        .thenCompose(next -> next == NextFlush.NOW && !closed ? loop(stream, plan) : CompletableFuture.completedFuture(null));
  }

  /** What a flush delivered: its last record and the bytes of all its records as buffered. */
  private record Delivered(String recordId, long bytes) {}

  /** The kinds whose flush may write several objects at once: each is delivered on its own, in any order. */
  private static final Set<String> PARALLEL_KINDS = Set.of("S3", "ExtendedS3");

  /** {@code records} cut, in order, into runs of at most {@code size} bytes of data (at least one record each). */
  static List<List<BufferedRecord>> chunks(List<BufferedRecord> records, long size) {
    List<List<BufferedRecord>> chunks = new ArrayList<>();
    List<BufferedRecord> current = new ArrayList<>();
    long bytes = 0;
    for (BufferedRecord r : records) {
      long length = StoredRecords.dataLength(r.data());
      if (!current.isEmpty() && bytes + length > size) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(r);
      bytes += length;
    }
    chunks.add(current);
    return chunks;
  }

  /**
   * The chunks a flush delivers now: the first, then each following one that is full (another chunk
   * follows it) or whose first record waited its buffering interval; up to the first that is neither,
   * as the cursor moves past a contiguous run. A last chunk smaller than the size waits, as a
   * buffer below its size does.
   */
  static List<List<BufferedRecord>> due(List<List<BufferedRecord>> chunks, BufferingHints hints, long now) {
    List<List<BufferedRecord>> taken = new ArrayList<>(List.of(chunks.get(0)));
    for (int i = 1; i < chunks.size(); i++) {
      boolean full = i < chunks.size() - 1;
      if (!full && chunks.get(i).get(0).arrivalMillis() + hints.intervalMillis() > now) {
        break;
      }
      taken.add(chunks.get(i));
    }
    return taken;
  }

  /** Each chunk delivered as a batch of its own, all at once; what they delivered together. */
  private CompletionStage<Delivered> deliverInChunks(DeliveryStreamRecord stream, Destination d,
                                                     List<List<BufferedRecord>> chunks) {
    if (chunks.size() == 1) {
      return deliver(stream, d, chunks.get(0));
    }
    List<CompletableFuture<Delivered>> all = chunks.stream()
        .map(chunk -> deliver(stream, d, chunk).toCompletableFuture()).toList();
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
      long bytes = 0;
      for (CompletableFuture<Delivered> f : all) {
        bytes += f.join().bytes();
      }
      return new Delivered(all.get(all.size() - 1).join().recordId(), bytes);
    });
  }

  private CompletionStage<Delivered> deliver(DeliveryStreamRecord stream, Destination d, List<BufferedRecord> kept) {
    List<BufferedRecord> records = kept.stream().map(stored::open).toList();
    DestinationDelivery delivery = deliveries.get(d.kind());
    if (delivery == null) {
      throw new IllegalStateException("no delivery to " + d.kind() + " on this node");
    }
    BufferedRecord first = records.get(0);
    String batchId = UUID.nameUUIDFromBytes((stream.createdMillis() + "/" + d.id() + "/" + first.recordId())
        .getBytes(StandardCharsets.UTF_8)).toString();
    long bytes = 0;
    for (BufferedRecord r : kept) {
      bytes += StoredRecords.dataLength(r.data());
    }
    long total = bytes;
    long started = clock.millis();
    Delivered delivered = new Delivered(records.get(records.size() - 1).recordId(), total);
    return delivery.received(stream, d, records, started)
        .thenCompose(v -> processing.process(stream, d, batchId, records, started))
        .thenCompose(processed -> writeErrors(stream, d, processed).thenApply(v -> processed))
        .thenCompose(processed -> {
          listener.processed(stream, d, records, processed);
          if (processed.records().isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          DeliveryBatch batch = new DeliveryBatch(stream, d, batchId, started, processed.records());
          return attempt(delivery, batch, batch.records(), 1, started);
        })
        .thenApply(v -> delivered);
  }

  private CompletionStage<Void> writeErrors(DeliveryStreamRecord stream, Destination d, Processed processed) {
    if (processed.errors().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Map<String, List<byte[]>> byType = new LinkedHashMap<>();
    for (ErrorLine e : processed.errors()) {
      byType.computeIfAbsent(e.errorOutputType(), k -> new ArrayList<>()).add(e.line());
    }
    CompletableFuture<?>[] writes = byType.entrySet().stream()
        .map(e -> s3.writeErrors(stream, Destinations.s3ConfigurationOf(d), e.getKey(), e.getValue(), clock.millis())
            .toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes);
  }

  /**
   * One attempt with {@code remaining}, then the retries the destination's retry duration allows,
   * counted from {@code retriesFrom}: the first attempt's start, or its failure for the destinations
   * whose duration starts there.
   */
  private CompletionStage<Void> attempt(DestinationDelivery delivery, DeliveryBatch batch,
                                        List<DeliveryRecord> remaining, int attempt, long retriesFrom) {
    return safely(() -> delivery.attempt(batch.with(remaining), attempt), remaining).thenCompose(result -> {
      long now = clock.millis();
      listener.attempted(batch, remaining, result, now);
      if (result.allDelivered()) {
        return delivery.delivered(batch);
      }
      DeliveryFailure failure = result.failure() != null ? result.failure()
          : new DeliveryFailure(true, "InternalFailure", "the destination did not accept the records");
      long wait = Math.min(config.retryMaxMs(), (long) config.retryBaseMs() << Math.min(20, attempt - 1));
      long from = attempt == 1 && delivery.retryDurationFromFirstFailure(batch.destination()) ? now : retriesFrom;
      long deadline = from + delivery.retryDurationMillis(batch.destination());
      if (closed) {
        throw new Stopping();
      }
      if (!failure.retryable() || now + wait > deadline) {
        return delivery.giveUp(batch, result.failed(), failure, attempt);
      }
      CompletableFuture<Void> retried = new CompletableFuture<>();
      waiting.put(retried, timers.once(wait, () -> {
        if (waiting.remove(retried) == null) {
          return;
        }
        attempt(delivery, batch, result.failed(), attempt + 1, from).whenComplete((v, t) -> {
          if (t != null) {
            retried.completeExceptionally(t);
          } else {
            retried.complete(null);
          }
        });
      }));
      return retried;
    });
  }

  /** The attempt's outcome, a thrown or failed attempt counting as every record failed and retryable. */
  private static CompletionStage<AttemptResult> safely(Supplier<CompletionStage<AttemptResult>> call,
                                                       List<DeliveryRecord> records) {
    CompletionStage<AttemptResult> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle((r, t) -> {
      if (t == null) {
        return r;
      }
      Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
      DeliveryFailure failure = cause instanceof DeliveryFailure f ? f
          : new DeliveryFailure(true, "InternalFailure", String.valueOf(cause.getMessage()));
      return AttemptResult.failed(records, failure);
    });
  }
}

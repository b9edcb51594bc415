package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The Kinesis scenarios, each against one freshly started server, driven by the AWS SDK for Java v2
 * {@link KinesisAsyncClient} (CBOR, its default): (k) PutRecord, (l) PutRecords, (m) a GetRecords
 * consumer draining a pre-filled 4-shard stream, (n) put → SubscribeToShard event latency at a fixed
 * rate, (o) one stream fanned out to enhanced fan-out consumers, (p) the heap of the memory engine
 * holding many retained records.
 */
final class KinesisScenarios {
  private static final int SHARDS = 4;
  private static final int GET_RECORDS_LIMIT = 10_000;
  /** The longest a drain is measured (m): it ends when every shard is drained, however long that takes up to this. */
  private static final int DRAIN_SECONDS = 300;
  /** The longest a stream is filled before a measurement (m). */
  private static final int FILL_SECONDS = 120;

  private final Options options;
  private final List<Context> contexts;
  private final Scenarios sqs;
  private final byte[] data;
  private final String[] keys;
  /** The SubscribeToShard transport each server took. */
  private final java.util.Map<Servers.Running, Protocol> transport = new java.util.concurrent.ConcurrentHashMap<>();

  KinesisScenarios(Options options, List<Context> contexts, Scenarios sqs) {
    this.options = options;
    this.contexts = contexts;
    this.sqs = sqs;
    this.data = new byte[options.recordBytes()];
    new Random(42).nextBytes(data);
    this.keys = new String[256];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "partition-key-" + i;
    }
  }

  // --- (k), (l) ------------------------------------------------------------------------------

  /** (k) PutRecord of one record, back to back from {@code concurrency} connections. */
  Result putRecord(Servers.Running s) {
    return putting(s, "bench-k", false);
  }

  /** (l) PutRecords of {@code put-batch} records, back to back from {@code concurrency} connections. */
  Result putRecords(Servers.Running s) {
    return putting(s, "bench-l", true);
  }

  /**
   * Warms up in windows, each on a 4-shard stream of its own that is deleted after it (no backlog of
   * millions of records builds up in any server's memory), then measures on a fresh stream.
   */
  private Result putting(Servers.Running s, String base, boolean batch) {
    try (KinesisAsyncClient kinesis = client(s, Protocol.HTTP1_1, options.concurrency());
         KinesisAsyncClient control = client(s, Protocol.HTTP1_1, 2)) {
      AtomicInteger window = new AtomicInteger(1);
      AtomicReference<String> stream = new AtomicReference<>(createStream(control, base + "-w1", SHARDS));
      AtomicLong next = new AtomicLong();
      AtomicReference<List<?>> requests = new AtomicReference<>(putRequests(stream.get(), batch));
      Supplier<Future<Integer>> step = () -> {
        List<?> r = requests.get();
        Object request = r.get((int) (next.getAndIncrement() % r.size()));
        return vertx(batch ? kinesis.putRecords((PutRecordsRequest) request).thenApply(KinesisScenarios::stored)
            : kinesis.putRecord((PutRecordRequest) request).thenApply(x -> 1));
      };
      Runnable switchStream = () -> {
        String old = stream.get();
        stream.set(createStream(control, base + "-w" + window.incrementAndGet(), SHARDS));
        requests.set(putRequests(stream.get(), batch));
        deleteStream(control, old);
      };
      Runnable measured = () -> {
        String old = stream.get();
        stream.set(createStream(control, base, SHARDS));
        requests.set(putRequests(stream.get(), batch));
        deleteStream(control, old);
      };
      ClosedLoop.Outcome o = new ClosedLoop(contexts, options.concurrency()).run(step, sqs.settle(), switchStream,
          measured, options.durationSeconds(), new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      return new Result.Load(o, options.concurrency());
    }
  }

  /** Requests that spread records over the shards by 256 partition keys. */
  private List<?> putRequests(String stream, boolean batch) {
    List<Object> out = new ArrayList<>();
    SdkBytes bytes = SdkBytes.fromByteArray(data);
    if (!batch) {
      for (String key : keys) {
        out.add(PutRecordRequest.builder().streamName(stream).partitionKey(key).data(bytes).build());
      }
      return out;
    }
    for (int r = 0; r < 16; r++) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < options.putBatch(); i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey(keys[(r * options.putBatch() + i) % keys.length])
            .data(bytes).build());
      }
      out.add(PutRecordsRequest.builder().streamName(stream).records(entries).build());
    }
    return out;
  }

  /** The records a PutRecords stored; a call that stored none fails (so a closed loop counts an error). */
  private static int stored(PutRecordsResponse r) {
    int ok = r.records().size() - r.failedRecordCount();
    if (ok == 0) {
      throw new IllegalStateException("every record failed: " + r.records().get(0).errorCode() + " "
          + r.records().get(0).errorMessage());
    }
    return ok;
  }

  // --- (m) -----------------------------------------------------------------------------------

  /** A shard being read: its iterator, and for warm-up, the shard to start again from when it ends. */
  private static final class Cursor {
    final String stream;
    final String shard;
    String iterator;

    Cursor(String stream, String shard, String iterator) {
      this.stream = stream;
      this.shard = shard;
      this.iterator = iterator;
    }
  }

  /**
   * (m) A consumer per shard draining a pre-filled 4-shard stream with GetRecords (Limit 10,000)
   * after its NextShardIterator; one call is one step, an empty answer means drained. Measured until
   * every shard is drained (at most {@link #DRAIN_SECONDS}), not for {@code --duration}. Warm-up reads a
   * second, smaller stream over and over from TRIM_HORIZON, deleted before measuring starts.
   */
  Result drain(Servers.Running s) {
    try (KinesisAsyncClient kinesis = client(s, Protocol.HTTP1_1, SHARDS);
         KinesisAsyncClient control = client(s, Protocol.HTTP1_1, 16)) {
      String stream = createStream(control, "bench-m", SHARDS);
      long t0 = System.nanoTime();
      long prefilled = fill(control, stream, options.drainPrefill(), FILL_SECONDS);
      System.out.printf(Locale.ROOT, "    pre-filled %,d records in %.1f s%n", prefilled, (System.nanoTime() - t0) / 1e9);
      String warm = createStream(control, "bench-m-warm", SHARDS);
      fill(control, warm, Math.max(SHARDS * 1000, Math.min(20_000, options.drainPrefill() / 10)), FILL_SECONDS / 4);
      ConcurrentLinkedQueue<Cursor> warmCursors = cursors(control, warm);
      ConcurrentLinkedQueue<Cursor> cursors = new ConcurrentLinkedQueue<>();
      AtomicBoolean measuring = new AtomicBoolean();
      ClosedLoop.Outcome o = new ClosedLoop(contexts, SHARDS).run(() -> {
            boolean m = measuring.get();
            Cursor c = (m ? cursors : warmCursors).poll();
            if (c == null) {
              return Future.succeededFuture(0);
            }
            return vertx(getRecords(kinesis, c.iterator, 100)
                .thenCompose(r -> {
                  int n = r.records().size();
                  if (m) {
                    c.iterator = r.nextShardIterator();
                    if (n > 0 && c.iterator != null) {
                      cursors.add(c);
                    }
                    return CompletableFuture.completedFuture(n);
                  }
                  if (n > 0) {
                    c.iterator = r.nextShardIterator();
                    warmCursors.add(c);
                    return CompletableFuture.completedFuture(n);
                  }
                  // The warm-up stream ran out: read it again from the start.
                  return kinesis.getShardIterator(g -> g.streamName(c.stream).shardId(c.shard)
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                      .thenApply(g -> {
                        c.iterator = g.shardIterator();
                        warmCursors.add(c);
                        return 0;
                      });
                }).whenComplete((r, e) -> {
                  if (e != null) {
                    (m ? cursors : warmCursors).add(c);
                  }
                }));
          }, sqs.settle(), () -> { }, () -> {
            cursors.addAll(cursors(control, stream));
            measuring.set(true);
            deleteStream(control, warm);
          }, DRAIN_SECONDS, new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      if (o.messages() == 0 && o.drained()) {
        return new Result.Missing("the stream was empty when measuring started");
      }
      if (o.messages() == 0 && o.errors() == 0) {
        double warmRate = o.warmup().windowRates().isEmpty() ? 0 : o.warmup().windowRates().getLast();
        return new Result.Missing(String.format(Locale.ROOT, "no GetRecords call finished within the %d s measured"
            + " (%,.0f records/s in the last warm-up window)", DRAIN_SECONDS, warmRate));
      }
      return new Result.Drain(new Result.Load(o, SHARDS), prefilled);
    }
  }

  /**
   * GetRecords after {@code iterator}; an empty answer while the shard still has records behind
   * ({@code MillisBehindLatest} above 0, as AWS may answer) is followed at once, {@code tries} times at most.
   */
  private static CompletableFuture<GetRecordsResponse> getRecords(KinesisAsyncClient kinesis, String iterator,
                                                                  int tries) {
    return kinesis.getRecords(r -> r.shardIterator(iterator).limit(GET_RECORDS_LIMIT)).thenCompose(r -> {
      boolean behind = r.millisBehindLatest() != null && r.millisBehindLatest() > 0;
      if (r.records().isEmpty() && behind && r.nextShardIterator() != null && tries > 1) {
        return getRecords(kinesis, r.nextShardIterator(), tries - 1);
      }
      return CompletableFuture.completedFuture(r);
    });
  }

  /** A TRIM_HORIZON cursor on every shard of {@code stream}. */
  private static ConcurrentLinkedQueue<Cursor> cursors(KinesisAsyncClient kinesis, String stream) {
    ConcurrentLinkedQueue<Cursor> out = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < SHARDS; i++) {
      String shard = shardId(i);
      out.add(new Cursor(stream, shard, kinesis.getShardIterator(g -> g.streamName(stream).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator()));
    }
    return out;
  }

  /**
   * Puts {@code count} records into {@code stream} with PutRecords, 16 calls in flight, or as many
   * as fit into {@code maxSeconds} (a slow server would take hours); the records put.
   */
  private long fill(KinesisAsyncClient kinesis, String stream, int count, int maxSeconds) {
    List<?> requests = putRequests(stream, true);
    int batches = (count + options.putBatch() - 1) / options.putBatch();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    return (long) options.putBatch() * inFlight(batches, 16, deadline,
        i -> kinesis.putRecords((PutRecordsRequest) requests.get(i % requests.size()))
        .thenAccept(r -> {
          if (r.failedRecordCount() > 0) {
            throw new IllegalStateException(r.failedRecordCount() + " records failed while filling: "
                + r.records().stream().filter(e -> e.errorCode() != null).findFirst().map(e -> e.errorCode())
                .orElse("?"));
          }
        }));
  }

  // --- (n) -----------------------------------------------------------------------------------

  /**
   * (n) One enhanced fan-out consumer subscribed to a 1-shard stream while PutRecord calls go out at
   * {@code subscribe-rate} per second (open loop); per record, from the PutRecord call's start to the
   * arrival of the SubscribeToShard event that carries it (both {@link System#nanoTime()} of this
   * JVM, the record's data carries its index). The server is first warmed on a stream of its own
   * ({@link #warmSubscriptions}); the first {@code warmup} seconds of the open loop are not measured.
   */
  Result subscribeLatency(Servers.Running s) {
    try (KinesisAsyncClient control = client(s, Protocol.HTTP1_1, 64)) {
      String warmed = warmSubscriptions(s, control);
      if (warmed != null) {
        return new Result.Missing(warmed);
      }
      String stream = createStream(control, "bench-n", 1);
      String consumer;
      try {
        consumer = registerConsumer(control, stream, "bench-n-consumer");
      } catch (RuntimeException e) {
        return new Result.Missing("RegisterStreamConsumer failed: " + Scenarios.rootMessage(e));
      }
      Subscriber sub;
      try {
        sub = Subscriber.open(s, this, consumer, shardId(0));
      } catch (IllegalStateException e) {
        return new Result.Missing("SubscribeToShard failed: " + e.getMessage());
      }
      try {
        int rate = options.subscribeRate();
        int total = rate * (options.warmupSeconds() + options.durationSeconds());
        int warmCount = rate * options.warmupSeconds();
        OpenLoop loop = new OpenLoop(total);
        sub.onRecords = (event, nanos) -> event.records().forEach(r -> loop.arrived(r.data().asByteBuffer().getInt(0),
            nanos));
        byte[] payload = data.clone();
        loop.run(rate, i -> {
          byte[] d = payload.clone();
          ByteBuffer.wrap(d).putInt(0, i);
          return control.putRecord(r -> r.streamName(stream).partitionKey(keys[i % keys.length])
              .data(SdkBytes.fromByteArrayUnsafe(d)));
        });
        loop.awaitArrivals(15);
        long[] latencies = loop.latencies(warmCount);
        if (sub.error.get() != null) {
          loop.errors.increment();
          loop.firstError.compareAndSet(null, "subscription: " + sub.error.get());
        }
        if (latencies.length == 0) {
          loop.firstError.compareAndSet(null, String.format(Locale.ROOT, "no measured record arrived: %,d of %,d"
              + " PutRecord calls answered %.0f s after the first", loop.answered(), total, loop.secondsSinceBegin()));
        }
        return new Result.SubscribeLatency(rate, loop.achievedRate(), latencies, loop.callTimes(warmCount),
            total - warmCount, loop.missing(warmCount), loop.duplicates.sum(), loop.errors.sum(),
            loop.firstError.get(), sub.transport);
      } finally {
        sub.close();
      }
    }
  }

  /**
   * Warms the server for (n) as the throughput scenarios are warmed: PutRecord back to back from 8
   * connections into a 1-shard stream of its own, read by a subscribed consumer, until the put rate
   * is stable; then deletes that stream. Null, or why the server cannot be warmed this way.
   */
  private String warmSubscriptions(Servers.Running s, KinesisAsyncClient control) {
    String stream = createStream(control, "bench-n-warm", 1);
    String consumer;
    try {
      consumer = registerConsumer(control, stream, "bench-n-warm");
    } catch (RuntimeException e) {
      return "RegisterStreamConsumer failed: " + Scenarios.rootMessage(e);
    }
    Subscriber sub;
    try {
      sub = Subscriber.open(s, this, consumer, shardId(0));
    } catch (IllegalStateException e) {
      return "SubscribeToShard failed: " + e.getMessage();
    }
    try (KinesisAsyncClient kinesis = client(s, Protocol.HTTP1_1, 8)) {
      List<?> requests = putRequests(stream, false);
      AtomicLong next = new AtomicLong();
      ClosedLoop.Outcome o = new ClosedLoop(contexts, 8).run(() -> vertx(kinesis.putRecord(
              (PutRecordRequest) requests.get((int) (next.getAndIncrement() % requests.size()))).thenApply(r -> 1)),
          sqs.settle(), () -> { }, () -> { }, 1, new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      System.out.printf(Locale.ROOT, "    warmed %.0f s (%s): %s records/s%n", o.warmup().seconds(),
          o.warmup().settled() ? "settled" : "NOT settled", o.warmup().trace());
    } finally {
      sub.close();
      deleteStream(control, stream);
    }
    return null;
  }

  // --- (o) -----------------------------------------------------------------------------------

  /**
   * (o) {@code efo-consumers} enhanced fan-out consumers each subscribed to every shard of a 4-shard
   * stream while {@code efo-producers} PutRecords calls ({@code put-batch} records each) run back to
   * back, warmed like the throughput scenarios until the put rate is stable. Counts every record each
   * consumer receives and, for records put while measured, the time from their PutRecords call's
   * start (carried in the data) to their event's arrival.
   */
  Result fanOut(Servers.Running s) {
    try (KinesisAsyncClient producer = client(s, Protocol.HTTP1_1, options.efoProducers());
         KinesisAsyncClient control = client(s, Protocol.HTTP1_1, 4)) {
      String stream = createStream(control, "bench-o", SHARDS);
      List<Subscriber> subs = new ArrayList<>();
      LongAdder delivered = new LongAdder();
      AtomicLong lastArrival = new AtomicLong();
      AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
      ConcurrentHistogram latency = new ConcurrentHistogram(1, TimeUnit.SECONDS.toMicros(60), 3);
      try {
        for (int c = 0; c < options.efoConsumers(); c++) {
          String consumer;
          try {
            consumer = registerConsumer(control, stream, "bench-o-" + c);
          } catch (RuntimeException e) {
            return new Result.Missing("RegisterStreamConsumer failed: " + Scenarios.rootMessage(e));
          }
          for (int i = 0; i < SHARDS; i++) {
            Subscriber sub;
            try {
              sub = Subscriber.open(s, this, consumer, shardId(i));
            } catch (IllegalStateException e) {
              return new Result.Missing("SubscribeToShard failed: " + e.getMessage());
            }
            sub.onRecords = (event, nanos) -> {
              delivered.add(event.records().size());
              lastArrival.accumulateAndGet(nanos, Math::max);
              long from = measureFrom.get();
              event.records().forEach(r -> {
                long put = r.data().asByteBuffer().getLong(0);
                if (put >= from) {
                  latency.recordValue(Math.max(1, (nanos - put) / 1000));
                }
              });
            };
            subs.add(sub);
          }
        }
        LongAdder acknowledged = new LongAdder();
        long firstPut = System.nanoTime();
        ClosedLoop.Outcome o = new ClosedLoop(contexts, options.efoProducers()).run(() -> {
          long t0 = System.nanoTime();
          List<PutRecordsRequestEntry> entries = new ArrayList<>(options.putBatch());
          for (int i = 0; i < options.putBatch(); i++) {
            byte[] d = data.clone();
            ByteBuffer.wrap(d).putLong(0, t0);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(keys[(int) ((t0 + i) & 255)])
                .data(SdkBytes.fromByteArrayUnsafe(d)).build());
          }
          return vertx(producer.putRecords(r -> r.streamName(stream).records(entries)).thenApply(r -> {
            int n = stored(r);
            acknowledged.add(n);
            return n;
          }));
        }, sqs.settle(), () -> { }, () -> measureFrom.set(System.nanoTime()), options.durationSeconds(),
            new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
        long expected = acknowledged.sum() * subs.size() / SHARDS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
          Servers.sleep(50);
        }
        long got = delivered.sum();
        double seconds = (lastArrival.get() - firstPut) / 1e9;
        String subError = subs.stream().map(x -> x.error.get()).filter(e -> e != null).findFirst().orElse(null);
        return new Result.EfoFanout(o, options.efoConsumers(), SHARDS, acknowledged.sum(), got,
            Math.max(0, expected - got), seconds > 0 ? got / seconds : 0, latency, subError, subs.get(0).transport);
      } finally {
        subs.forEach(Subscriber::close);
      }
    }
  }

  // --- (p) -----------------------------------------------------------------------------------

  /**
   * (p) The memory engine's heap after a full GC (jcmd GC.run, then /metrics jvm_memory_used_bytes
   * of the heap) before and after {@code retained-records} records are put into a 4-shard stream.
   */
  Result retainedHeap(Servers.Running s) {
    try (KinesisAsyncClient control = client(s, Protocol.HTTP1_1, 16)) {
      long baseline = sqs.heapAfterGc(s);
      String stream = createStream(control, "bench-p", SHARDS);
      long t0 = System.nanoTime();
      fill(control, stream, options.retainedRecords(), Integer.MAX_VALUE / 2);
      double fillSeconds = (System.nanoTime() - t0) / 1e9;
      long held = sqs.heapAfterGc(s);
      sqs.saveClassHistogram(s, options.results().resolve("logs").resolve(s.server.name()
          + "-class-histogram-retained.txt"));
      long records = 0;
      for (Cursor c : cursors(control, stream)) {
        records += countRecords(control, c);
      }
      return new Result.RetainedHeap(options.retainedRecords(), records, options.recordBytes(),
          options.retainedHeap(), baseline, held, Scenarios.rssBytes(s.server.pid()), fillSeconds);
    }
  }

  /** The records from a cursor to the end of its shard. */
  private static long countRecords(KinesisAsyncClient kinesis, Cursor c) {
    long n = 0;
    String it = c.iterator;
    while (it != null) {
      String current = it;
      GetRecordsResponse r = kinesis.getRecords(g -> g.shardIterator(current).limit(GET_RECORDS_LIMIT)).join();
      if (r.records().isEmpty()) {
        break;
      }
      n += r.records().size();
      it = r.nextShardIterator();
    }
    return n;
  }

  // --- subscriptions -------------------------------------------------------------------------

  /** What a subscriber does with an event's records and their arrival time. */
  interface RecordsHandler {
    void accept(SubscribeToShardEvent event, long nanos);
  }

  /**
   * One consumer's subscription to one shard from LATEST, renewed from its last continuation
   * sequence number when it ends (AWS ends each after 5 minutes). Opened over HTTP/2 (the SDK's
   * default for Kinesis) or HTTP/1.1, whichever the server takes.
   */
  static final class Subscriber implements AutoCloseable {
    final KinesisAsyncClient client;
    final String consumer;
    final String shard;
    final String transport;
    final AtomicReference<String> error = new AtomicReference<>();
    volatile RecordsHandler onRecords = (e, n) -> { };
    private volatile String continuation;
    private volatile boolean closed;

    private Subscriber(KinesisAsyncClient client, String consumer, String shard, String transport) {
      this.client = client;
      this.consumer = consumer;
      this.shard = shard;
      this.transport = transport;
    }

    /**
     * Subscribes, waiting (10 s at most) for the initial response or a first event, over the transport that worked
     * for this server before, else HTTP/2 then HTTP/1.1; fails with both transports' errors.
     */
    static Subscriber open(Servers.Running s, KinesisScenarios k, String consumer, String shard) {
      List<String> failures = new ArrayList<>();
      // Sluice first as the SDK comes (HTTP/2); the Node.js peers first over HTTP/1.1, what their
      // servers speak (kinesis-mock holds a subscription it never answered over HTTP/2 for minutes).
      List<Protocol> order = k.transport.get(s) != null ? List.of(k.transport.get(s))
          : s.target.isSluice() ? List.of(Protocol.HTTP2, Protocol.HTTP1_1) : List.of(Protocol.HTTP1_1, Protocol.HTTP2);
      for (Protocol p : order) {
        if (!failures.isEmpty()) {
          // A consumer may not subscribe to a shard again within 5 s of its last subscription.
          Servers.sleep(6_000);
        }
        KinesisAsyncClient client = k.client(s, p, 4);
        Subscriber sub = new Subscriber(client, consumer, shard, p == Protocol.HTTP2 ? "HTTP/2" : "HTTP/1.1");
        CompletableFuture<Void> responded = sub.subscribe();
        try {
          responded.get(10, TimeUnit.SECONDS);
          k.transport.put(s, p);
          return sub;
        } catch (Exception e) {
          failures.add(sub.transport + ": " + (sub.error.get() != null ? sub.error.get() : Scenarios.rootMessage(e)));
          sub.close();
        }
      }
      throw new IllegalStateException(String.join("; ", failures));
    }

    private CompletableFuture<Void> subscribe() {
      CompletableFuture<Void> responded = new CompletableFuture<>();
      String from = continuation;
      SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
          .onResponse(r -> responded.complete(null))
          .onError(e -> {
            responded.completeExceptionally(e);
            if (!closed) {
              error.compareAndSet(null, Scenarios.rootMessage(e));
            }
          })
          .subscriber(SubscribeToShardResponseHandler.Visitor.builder().onSubscribeToShardEvent(e -> {
            long now = System.nanoTime();
            // kinesis-mock sends no initial-response (the SDK's onResponse never comes), only events.
            responded.complete(null);
            continuation = e.continuationSequenceNumber();
            if (!e.records().isEmpty()) {
              onRecords.accept(e, now);
            }
          }).build())
          .build();
      client.subscribeToShard(r -> r.consumerARN(consumer).shardId(shard).startingPosition(p -> {
        if (from == null) {
          p.type(ShardIteratorType.LATEST);
        } else {
          p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(from);
        }
      }), handler).whenComplete((v, e) -> {
        if (!closed && e == null) {
          subscribe();
        }
      });
      return responded;
    }

    @Override
    public void close() {
      closed = true;
      client.close();
    }
  }

  // --- plumbing ------------------------------------------------------------------------------

  /**
   * A Kinesis client of {@code s} as users build it ({@link SdkClients#build}), CBOR on (the SDK's default;
   * see {@link #cbor}).
   */
  KinesisAsyncClient client(Servers.Running s, Protocol protocol, int connections) {
    synchronized (KinesisScenarios.class) {
      System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor(s.target)));
      return SdkClients.build(KinesisAsyncClient.builder(), s.port, protocol, connections, options.clientThreads());
    }
  }

  /**
   * Whether the client speaks CBOR to {@code target}: all but kinesalite, whose CBOR answer to
   * GetRecords the SDK cannot read ("expecting token: VALUE_STRING, got: START_OBJECT"); it gets
   * JSON 1.1, as with {@code -Daws.cborEnabled=false}.
   */
  static boolean cbor(Target target) {
    return target != Target.KINESALITE;
  }

  /** Creates {@code name} with {@code shards} shards (deleting one left over) and waits until it is ACTIVE. */
  static String createStream(KinesisAsyncClient kinesis, String name, int shards) {
    kinesis.createStream(r -> r.streamName(name).shardCount(shards)).join();
    Servers.await(() -> kinesis.describeStreamSummary(r -> r.streamName(name)).join().streamDescriptionSummary()
        .streamStatus() == StreamStatus.ACTIVE, 60, "stream " + name + " not ACTIVE");
    return name;
  }

  static void deleteStream(KinesisAsyncClient kinesis, String name) {
    kinesis.deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true)).join();
  }

  /** Registers consumer {@code name} of {@code stream} and waits until it is ACTIVE; its ARN. */
  static String registerConsumer(KinesisAsyncClient kinesis, String stream, String name) {
    String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).join().streamDescriptionSummary()
        .streamARN();
    String arn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name)).join().consumer()
        .consumerARN();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (kinesis.describeStreamConsumer(r -> r.consumerARN(arn)).join().consumerDescription().consumerStatus()
        != ConsumerStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("consumer " + name + " not ACTIVE after 60 s");
      }
      Servers.sleep(50);
    }
    return arn;
  }

  static String shardId(int index) {
    return String.format(Locale.ROOT, "shardId-%012d", index);
  }

  /**
   * Runs {@code action(0..count-1)} with at most {@code parallel} in flight, starting none after
   * {@code deadline} ({@link System#nanoTime()}); fails on the first failure. How many it started.
   */
  private static int inFlight(int count, int parallel, long deadline, IntFunction<CompletableFuture<?>> action) {
    Semaphore slots = new Semaphore(parallel);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int started = 0;
    try {
      for (int i = 0; i < count && failure.get() == null && System.nanoTime() - deadline < 0; i++) {
        started++;
        if (!slots.tryAcquire(600, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no answer within 600 s");
        }
        action.apply(i).whenComplete((v, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
          slots.release();
        });
      }
      if (!slots.tryAcquire(parallel, 600, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no answer within 600 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException(Scenarios.rootMessage(failure.get()), failure.get());
    }
    return started;
  }

  /**
   * The SDK's future as a Vert.x future, completing on the SDK's Netty thread that read the answer,
   * so that the worker's next call starts there and reaches its connection without a thread hop.
   */
  private static <T> Future<T> vertx(CompletableFuture<T> f) {
    return Future.fromCompletionStage(f);
  }
}

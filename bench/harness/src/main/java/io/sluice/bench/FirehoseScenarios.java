package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The Firehose scenarios, each against one freshly started server, driven by the AWS SDK for Java v2
 * {@link FirehoseAsyncClient}: (q) PutRecordBatch into a Direct PUT stream with an Extended S3
 * destination buffered at 1 MiB / 0 s, with every acknowledged record checked in the delivered objects;
 * (r) put → S3 object freshness at a fixed PutRecord rate with the same buffering. Sluice delivers to
 * the harness's {@link S3Sink}, which sees each object as it is stored; moto_server delivers into its
 * own S3, read back after the run.
 */
final class FirehoseScenarios implements AutoCloseable {
  /** AWS's smallest buffering size (MiB) and zero buffering interval: deliver as soon as possible. */
  private static final int BUFFER_MIB = 1;
  private static final int BUFFER_SECONDS = 0;
  /**
   * The longest the harness waits for acknowledged records to land after the puts: of the measured
   * stream before counting, of the warm-up stream before measuring (its backlog would otherwise be
   * delivered while measured).
   */
  private static final int CATCH_UP_SECONDS = 120;
  private static final String ROLE = "arn:aws:iam::123456789012:role/bench-firehose";

  private final Options options;
  private final List<Context> contexts;
  private final Scenarios sqs;
  private final byte[] data;
  private S3Sink sink;

  FirehoseScenarios(Options options, List<Context> contexts, Scenarios sqs) {
    this.options = options;
    this.contexts = contexts;
    this.sqs = sqs;
    this.data = new byte[options.recordBytes()];
    new Random(7).nextBytes(data);
  }

  /** The environment that points Sluice at the S3 endpoint (started on first use). */
  synchronized Map<String, String> sluiceEnvironment() {
    if (sink == null) {
      sink = S3Sink.start();
    }
    return sink.sluiceEnvironment();
  }

  // --- (q) -----------------------------------------------------------------------------------

  /** Where one stream's objects land, and how the harness sees them. */
  private interface Landing {
    /** Creates the bucket; its objects go to {@code ledger}. */
    void open(DeliveryLedger ledger);

    /** Bytes landed so far. */
    long bytes();

    /** Each object's landing time and size, where the harness sees them land (else empty). */
    List<long[]> arrivals();

    /** Reads what landed (where objects are only read after the run) and removes the bucket. */
    void close();

    /** How delivery is observed, for the report. */
    String note();
  }

  /** A bucket of the {@link S3Sink}: objects counted as S3Proxy stores them. */
  private final class SinkLanding implements Landing {
    private final String bucket;
    private final ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>();

    SinkLanding(String bucket) {
      this.bucket = bucket;
    }

    @Override
    public void open(DeliveryLedger ledger) {
      sink.bucket(bucket, (key, object, nanos) -> {
        arrivals.add(new long[] {nanos, object.length});
        ledger.delivered(object);
      });
    }

    @Override
    public long bytes() {
      return sink.bytes(bucket);
    }

    @Override
    public List<long[]> arrivals() {
      return List.copyOf(arrivals);
    }

    @Override
    public void close() {
      sink.drop(bucket);
    }

    @Override
    public String note() {
      return "S3Proxy " + Versions.S3PROXY + " (in-memory), objects counted as it stores them";
    }
  }

  /** A bucket of moto_server's own S3, read back after the run (moto writes an object per put, in the call). */
  private static final class MotoLanding implements Landing {
    private final S3AsyncClient s3;
    private final String bucket;
    private DeliveryLedger ledger;
    private long bytes;

    MotoLanding(S3AsyncClient s3, String bucket) {
      this.s3 = s3;
      this.bucket = bucket;
    }

    @Override
    public void open(DeliveryLedger ledger) {
      this.ledger = ledger;
      s3.createBucket(b -> b.bucket(bucket)).join();
    }

    @Override
    public long bytes() {
      return bytes;
    }

    @Override
    public List<long[]> arrivals() {
      return List.of();
    }

    /** Reads every object still in the bucket into the ledger, then deletes them and the bucket. */
    @Override
    public void close() {
      List<String> keys = keys();
      for (String key : keys) {
        byte[] object = s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()).join()
            .asByteArray();
        bytes += object.length;
        ledger.delivered(object);
      }
      deleteAll(keys);
      s3.deleteBucket(b -> b.bucket(bucket)).join();
    }

    /** Empties the bucket unread (warm-up: moto keeps every object in its memory). */
    void clear() {
      deleteAll(keys());
    }

    private List<String> keys() {
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().subscribe(o -> keys.add(o.key())).join();
      return keys;
    }

    private void deleteAll(List<String> keys) {
      for (int i = 0; i < keys.size(); i += 1000) {
        List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        s3.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(ids).quiet(true))).join();
      }
    }

    @Override
    public String note() {
      return "moto's own S3, objects read back after the run (moto writes each put's records as one object"
          + " inside the call)";
    }
  }

  /** One delivery stream and its bucket. */
  private record Stream(String name, Landing landing, DeliveryLedger ledger) {}

  /**
   * (q) PutRecordBatch of {@code firehose-batch} records back to back from {@code concurrency}
   * connections. Warms up on a stream of its own (Sluice: until that stream's backlog has landed,
   * before measuring), then measures on a fresh stream and bucket; after the puts, waits until every
   * acknowledged record landed (at most {@link #CATCH_UP_SECONDS}) and checks each was delivered once.
   */
  Result putRecordBatch(Servers.Running s) {
    boolean moto = s.target == Target.MOTO;
    try (FirehoseAsyncClient firehose = client(s, options.concurrency());
         FirehoseAsyncClient control = client(s, 2);
         S3AsyncClient motoS3 = moto ? motoS3(s) : null) {
      Stream warm = open(control, "bench-q-warm", moto ? new MotoLanding(motoS3, "bench-q-warm")
          : new SinkLanding("bench-q-warm"));
      AtomicReference<Stream> current = new AtomicReference<>(warm);
      AtomicLong measureStart = new AtomicLong();
      Supplier<Future<Integer>> step = () -> putBatch(firehose, current.get());
      Runnable betweenWindows = () -> {
        if (warm.landing() instanceof MotoLanding m) {
          m.clear();
        }
      };
      Runnable measured = () -> {
        betweenWindows.run();
        if (!moto) {
          long t0 = System.nanoTime();
          boolean landed = awaitLanded(warm, CATCH_UP_SECONDS);
          System.out.printf(Locale.ROOT, "    warm-up stream: %,d records acknowledged, %s%n",
              warm.ledger().acknowledgedCount(), landed ? String.format(Locale.ROOT, "all landed %.1f s after the"
                  + " last put", (System.nanoTime() - t0) / 1e9) : String.format(Locale.ROOT, "⚠ %,d not landed"
                  + " %d s after the last put (measuring anyway)", warm.ledger().lost(), CATCH_UP_SECONDS));
        }
        control.deleteDeliveryStream(r -> r.deliveryStreamName(warm.name())).join();
        warm.landing().close();
        current.set(open(control, "bench-q", moto ? new MotoLanding(motoS3, "bench-q") : new SinkLanding("bench-q")));
        measureStart.set(System.nanoTime());
      };
      ClosedLoop.Outcome o = new ClosedLoop(contexts, options.concurrency()).run(step, sqs.settle(), betweenWindows,
          measured, options.durationSeconds(), new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      Stream stream = current.get();
      long putsDone = System.nanoTime();
      double catchUp = awaitLanded(stream, CATCH_UP_SECONDS) ? (System.nanoTime() - putsDone) / 1e9 : Double.NaN;
      double windowRate = Double.NaN;
      double drainRate = Double.NaN;
      List<long[]> arrivals = stream.landing().arrivals();
      if (!moto && !arrivals.isEmpty()) {
        long from = measureStart.get();
        long to = from + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        long bytes = arrivals.stream().filter(a -> a[0] >= from && a[0] < to).mapToLong(a -> a[1]).sum();
        windowRate = bytes / (double) options.durationSeconds();
        long last = arrivals.stream().mapToLong(a -> a[0]).max().orElse(from);
        drainRate = arrivals.stream().mapToLong(a -> a[1]).sum() / ((last - from) / 1e9);
      }
      control.deleteDeliveryStream(r -> r.deliveryStreamName(stream.name())).join();
      stream.landing().close();
      DeliveryLedger l = stream.ledger();
      return new Result.FirehoseLoad(new Result.Load(o, options.concurrency()), options.firehoseBatch(),
          l.acknowledgedCount(), l.deliveredCount(), l.objects(), l.lost(), l.duplicates(), l.unacknowledged(),
          l.malformed(), windowRate, drainRate, moto ? Double.NaN : catchUp, moto, stream.landing().note());
    }
  }

  /** One PutRecordBatch of fresh numbered records; the records acknowledged (none: the step fails). */
  private Future<Integer> putBatch(FirehoseAsyncClient firehose, Stream stream) {
    int n = options.firehoseBatch();
    List<Record> records = new ArrayList<>(n);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      byte[] d = data.clone();
      ids[i] = stream.ledger().next(d);
      records.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(d)).build());
    }
    return Future.fromCompletionStage(firehose.putRecordBatch(r -> r.deliveryStreamName(stream.name())
        .records(records)).thenApply(r -> acknowledged(r, ids, stream.ledger())));
  }

  private static int acknowledged(PutRecordBatchResponse r, long[] ids, DeliveryLedger ledger) {
    int ok = 0;
    for (int i = 0; i < r.requestResponses().size(); i++) {
      if (r.requestResponses().get(i).errorCode() == null) {
        ledger.acknowledge(ids[i]);
        ok++;
      }
    }
    if (ok == 0) {
      throw new IllegalStateException("every record failed: " + r.requestResponses().get(0).errorCode() + " "
          + r.requestResponses().get(0).errorMessage());
    }
    return ok;
  }

  /**
   * Waits until every acknowledged record of {@code stream} has landed, at most {@code seconds} (moto:
   * at once, its objects are read after the run); whether they all did.
   */
  private boolean awaitLanded(Stream stream, int seconds) {
    if (stream.landing() instanceof MotoLanding) {
      return true;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (stream.ledger().deliveredCount() < stream.ledger().acknowledgedCount() || !stream.ledger().complete()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Servers.sleep(20);
    }
    return true;
  }

  /** Creates a bucket and a stream delivering into it, buffered at 1 MiB / 0 s, and waits until it is ACTIVE. */
  private Stream open(FirehoseAsyncClient control, String name, Landing landing) {
    DeliveryLedger ledger = new DeliveryLedger(options.recordBytes());
    landing.open(ledger);
    createStream(control, name, name);
    return new Stream(name, landing, ledger);
  }

  // --- (r) -----------------------------------------------------------------------------------

  /**
   * (r) PutRecord of one record at {@code freshness-rate} per second (open loop) into a stream buffered
   * at 1 MiB / 0 s; per record, from the call's start to the moment S3Proxy stored the object holding it
   * (both {@link System#nanoTime()} of this JVM; the record's first 4 bytes carry its index). The first
   * {@code warmup} seconds are not measured. Sluice only: moto writes the object inside the call.
   */
  Result freshness(Servers.Running s) {
    if (s.target == Target.MOTO) {
      return new Result.Missing("moto writes each put's object inside the PutRecord call (no buffer, no"
          + " interval): its put → object time is its PutRecord latency");
    }
    int rate = options.freshnessRate();
    int total = rate * (options.warmupSeconds() + options.durationSeconds());
    int warmCount = rate * options.warmupSeconds();
    OpenLoop loop = new OpenLoop(total);
    LongAdder objects = new LongAdder();
    String bucket = "bench-r";
    sink.bucket(bucket, (key, object, nanos) -> {
      objects.increment();
      ByteBuffer b = ByteBuffer.wrap(object);
      for (int at = 0; at + data.length <= object.length; at += data.length) {
        loop.arrived(b.getInt(at), nanos);
      }
    });
    try (FirehoseAsyncClient control = client(s, 64)) {
      createStream(control, bucket, bucket);
      loop.run(rate, i -> {
        byte[] d = data.clone();
        ByteBuffer.wrap(d).putInt(0, i);
        return control.putRecord(r -> r.deliveryStreamName(bucket).record(x -> x.data(SdkBytes.fromByteArrayUnsafe(d))));
      });
      loop.awaitArrivals(30);
      long[] latencies = loop.latencies(warmCount);
      if (latencies.length == 0) {
        loop.firstError.compareAndSet(null, "no measured record landed in S3 within 30 s of the last put");
      }
      control.deleteDeliveryStream(r -> r.deliveryStreamName(bucket)).join();
      return new Result.Freshness(rate, loop.achievedRate(), latencies, loop.callTimes(warmCount), total - warmCount,
          loop.missing(warmCount), loop.duplicates.sum(), objects.sum(), loop.errors.sum(), loop.firstError.get());
    } finally {
      sink.drop(bucket);
    }
  }

  // --- plumbing ------------------------------------------------------------------------------

  /** Creates Direct PUT stream {@code name} into {@code bucket}, 1 MiB / 0 s, and waits until it is ACTIVE. */
  private static void createStream(FirehoseAsyncClient firehose, String name, String bucket) {
    firehose.createDeliveryStream(r -> r.deliveryStreamName(name).deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
            .bufferingHints(b -> b.sizeInMBs(BUFFER_MIB).intervalInSeconds(BUFFER_SECONDS)))).join();
    Servers.await(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).join()
        .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE, 60,
        "delivery stream " + name + " not ACTIVE");
  }

  /** A Firehose client of {@code s} as users build it (JSON 1.1; {@link SdkClients#build}), over HTTP/1.1. */
  private FirehoseAsyncClient client(Servers.Running s, int connections) {
    return SdkClients.build(FirehoseAsyncClient.builder(), s.port, Protocol.HTTP1_1, connections,
        options.clientThreads());
  }

  /** An S3 client of moto_server's own S3 (path-style, checksums only where required). */
  private static S3AsyncClient motoS3(Servers.Running s) {
    return S3AsyncClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + s.port))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(8))
        .build();
  }

  @Override
  public synchronized void close() {
    if (sink != null) {
      sink.close();
      sink = null;
    }
  }
}

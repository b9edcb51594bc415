package io.sluice.it.firehose;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.bus.ServiceClient;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.source.KinesisCalls;
import io.sluice.firehose.source.KinesisSourceReader;
import io.sluice.firehose.source.SourceFlushes;
import io.sluice.firehose.source.SourceMeters;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.kinesis.KinesisApi;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.storage.Sealer;
import io.sluice.testing.Await;
import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * KinesisStreamAsSource delivery streams against Sluice's own Kinesis, with the AWS SDK v2 clients
 * and the wall clock (a source is read every 100 ms here): creation refused without the Kinesis
 * stream, the source described from the delivery stream's creation on, direct puts refused; and
 * records put before and after a SplitShard buffered each once, in order per partition key, none
 * from before the creation. On Redis the node's own reader fills the buffer, read back from Redis; on
 * the memory engine, whose buffer no test can reach, the same reader runs in the test against the
 * node's Kinesis over its event bus, into a store of the test's.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class KinesisSourceTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  static final Map<String, String> ENV = Map.of("SLUICE_FIREHOSE_SOURCE_POLL_MS", "100",
      "SLUICE_FIREHOSE_SOURCE_LEASE_MS", "3000");
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("firehose-source");
  /** Where SplitShard cuts a one-shard stream in halves: 2^127. */
  static final String HALF = "170141183460469231731687303715884105728";
  /** How the buffer keeps records (plain ones behind a 0 byte). */
  static final StoredRecords STORED = new StoredRecords(new Sealer(new byte[32]));
  static Vertx vertx;
  static Redis redis;

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  KinesisClient kinesis;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, InstantSource.system(), ENV));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, InstantSource.system(), ENV, PREFIX));
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, RedisTestServer.url());
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    redis.close();
    RedisEngineFixture.join(vertx.close());
  }

  @BeforeEach
  void clients() {
    TestSluice node = NODES.get(engine);
    firehose = FirehoseClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
    kinesis = KinesisClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build();
  }

  @AfterEach
  void closeClients() {
    firehose.close();
    kinesis.close();
  }

  private String name(String base) {
    return TestSluice.uniqueName(base + "-" + engine.name().toLowerCase());
  }

  /** Waits up to a minute for {@code condition}. */
  static void waitFor(String what, Supplier<Boolean> condition) {
    long until = System.currentTimeMillis() + 60_000;
    while (!condition.get()) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Lets the clock pass the millisecond of the records put last: a source starts at its creation's
   * millisecond, and a record put in that same millisecond before it counts as after.
   */
  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A new ACTIVE Kinesis stream of one shard; its ARN. */
  private String kinesisStream(String name) {
    kinesis.createStream(r -> r.streamName(name).shardCount(1));
    waitFor("the stream to be ACTIVE", () -> kinesis.describeStreamSummary(r -> r.streamName(name))
        .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"));
    return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
  }

  private void createSource(String name, String streamArn) {
    firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(streamArn).roleARN(ROLE))
        // Buffered for 900 s: nothing leaves the buffer while the test looks at it.
        .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")
            .bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(128))));
  }

  private DeliveryStreamDescription describe(String name) {
    return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
  }

  /** Puts {@code count} records round-robin over five keys, numbered on from {@code from}, in order. */
  private List<String> put(String stream, int from, int count) {
    List<String> put = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String key = "k" + (i % 5);
      String data = key + "-" + i;
      kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(data)));
      put.add(data);
    }
    return put;
  }

  private void split(String stream) {
    kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(HALF));
    waitFor("the split", () -> kinesis.describeStreamSummary(r -> r.streamName(stream))
        .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"));
  }

  /**
   * Creates a Kinesis stream with records put before {@code delivery}, a source of it, then puts 40
   * records, splits the stream once {@code read} shows 10 read, puts 40 more and waits until
   * {@code read} shows them all; the records put after the source's creation, in order.
   */
  private List<String> sourceFedAroundASplit(String delivery, Supplier<Integer> read) {
    String stream = delivery + "-stream";
    String arn = kinesisStream(stream);
    put(stream, -5, 5);
    pause();
    createSource(delivery, arn);
    List<String> put = new ArrayList<>(put(stream, 0, 40));
    waitFor("the first records", () -> read.get() >= 10);
    split(stream);
    put.addAll(put(stream, 40, 40));
    waitFor("every record", () -> read.get() >= put.size());
    return put;
  }

  /** The records in each key's order. */
  private static Map<String, List<String>> byKey(List<String> records) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String r : records) {
      keys.computeIfAbsent(r.substring(0, r.indexOf('-')), k -> new ArrayList<>()).add(r);
    }
    return keys;
  }

  private static void assertBufferedOnceInKeyOrder(List<String> put, List<String> buffered) {
    assertEquals(put.size(), buffered.size(), () -> "buffered " + buffered);
    assertEquals(java.util.Set.copyOf(put), java.util.Set.copyOf(buffered));
    Map<String, List<String>> expected = byKey(put);
    Map<String, List<String>> actual = byKey(buffered);
    expected.forEach((key, records) -> assertEquals(records, actual.get(key), "order of " + key));
  }

  @Test
  void aSourceWhoseKinesisStreamDoesNotExistIsAnInvalidArgument() {
    String missing = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name("missing");

    String code = codeOf(() -> createSource(name("orphan"), missing));

    assertEquals("InvalidArgumentException", code);
  }

  @Test
  void aSourceIsDescribedFromItsCreationAndRefusesDirectPuts() {
    String stream = name("described");
    String arn = kinesisStream(stream);
    String delivery = name("described");

    createSource(delivery, arn);
    waitFor("ACTIVE", () -> describe(delivery).deliveryStreamStatusAsString().equals("ACTIVE"));
    DeliveryStreamDescription d = describe(delivery);

    assertEquals(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE, d.deliveryStreamType());
    assertEquals(arn, d.source().kinesisStreamSourceDescription().kinesisStreamARN());
    assertEquals(ROLE, d.source().kinesisStreamSourceDescription().roleARN());
    assertEquals(d.createTimestamp(), d.source().kinesisStreamSourceDescription().deliveryStartTimestamp());
    assertEquals("InvalidArgumentException", codeOf(() -> firehose.putRecord(r -> r.deliveryStreamName(delivery)
        .record(x -> x.data(SdkBytes.fromUtf8String("x"))))));
  }

  @Test
  void theNodeBuffersEveryRecordOnceInKeyOrderAcrossASplitAndNoneFromBeforeItsCreation() {
    assumeTrue(engine == Engine.REDIS, "the memory engine's buffer is out of a test's reach");
    String delivery = name("clicks");

    List<String> put = sourceFedAroundASplit(delivery, () -> buffered(delivery).size());

    assertBufferedOnceInKeyOrder(put, buffered(delivery));
    assertEquals(put.size(), recordsRead(delivery));
  }

  /** What the node's {@code firehose.DataReadFromKinesisStream.Records} says it read for {@code delivery}. */
  private double recordsRead(String delivery) {
    return Prometheus.labelledSample(Prometheus.scrape(NODES.get(engine).endpoint()),
        "firehose_DataReadFromKinesisStream_Records_total", "stream=\"" + delivery + "\"").orElse(0);
  }

  @Test
  void theMemoryNodesReaderReadsEveryRecordPutAfterItsCreationAcrossASplit() {
    assumeTrue(engine == Engine.MEMORY, "on Redis the buffer itself is checked");
    String delivery = name("taps");

    List<String> put = sourceFedAroundASplit(delivery, () -> (int) recordsRead(delivery));
    for (int i = 0; i < 100; i++) {
      pause();
    }

    assertEquals(put.size(), recordsRead(delivery));
  }

  /** The data in the Redis node's buffer of {@code delivery}, in order. */
  private List<String> buffered(String delivery) {
    return buffered(redis, PREFIX, delivery);
  }

  /** The data in the buffer of {@code delivery} in the Redis of nodes on key prefix {@code prefix}, in order. */
  static List<String> buffered(Redis redis, String prefix, String delivery) {
    Response entries = RedisEngineFixture.join(redis.send(Request.cmd(Command.XRANGE)
        .arg(prefix + ":firehose:{stream:us-east-1/000000000000/" + delivery + "}:records").arg("-").arg("+")));
    List<String> data = new ArrayList<>();
    for (Response entry : entries) {
      data.add(new String(STORED.open(entry.get(1).get(1).toBytes()), StandardCharsets.UTF_8));
    }
    return data;
  }

  @Test
  void theReaderOverTheBusBuffersEveryRecordOnceInKeyOrderAcrossASplit() {
    assumeTrue(engine == Engine.MEMORY, "on Redis the node's own reader is tested");
    String stream = name("views");
    String arn = kinesisStream(stream);
    put(stream, -5, 5);
    pause();
    InMemoryDeliveryStreamStore store = new InMemoryDeliveryStreamStore();
    long created = System.currentTimeMillis();
    ObjectNode source = FirehoseModel.object().put("KinesisStreamARN", arn).put("RoleARN", ROLE);
    DeliveryStreamRecord record = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", "views"),
        "KinesisStreamAsSource", created, created, 1, created,
        List.of(new Destination("destinationId-000000000001", "ExtendedS3", FirehoseModel.object())), source, null,
        null, Map.of(), 0, null);
    Await.await(store.create(record, created));
    ServiceClient client = new ServiceClient(NODES.get(engine).sluice().vertx(),
        new ServiceRegistry(List.of(KinesisApi.DEFINITION)), 5_000);
    KinesisCalls calls = (action, region, account, params) ->
        client.call("kinesis", action, region, account, params).toCompletionStage();
    KinesisSourceReader reader = new KinesisSourceReader(store, new LeftForLater(), STORED, calls, SourceMeters.NONE,
        record.id(), created, 100);

    List<String> put = new ArrayList<>(put(stream, 0, 40));
    Await.await(reader.poll(System.currentTimeMillis()));
    List<String> beforeSplit = memoryBuffered(store, record);
    split(stream);
    put.addAll(put(stream, 40, 40));
    waitFor("every record", () -> {
      Await.await(reader.poll(System.currentTimeMillis()));
      return memoryBuffered(store, record).size() >= put.size();
    });

    assertFalse(beforeSplit.isEmpty());
    assertBufferedOnceInKeyOrder(put, memoryBuffered(store, record));
  }

  private static List<String> memoryBuffered(InMemoryDeliveryStreamStore store, DeliveryStreamRecord record) {
    return Await.await(store.read(record, null, 10_000)).stream()
        .map(r -> new String(STORED.open(r.data()), StandardCharsets.UTF_8)).toList();
  }

  /** Flushes due in 15 minutes, left for a claim: the records stay in the buffer. */
  private static final class LeftForLater implements SourceFlushes {
    @Override
    public FlushPlan plan(DeliveryStreamRecord stream) {
      return new FlushPlan("destinationId-000000000001", 900_000, 128 << 20, null, 0);
    }

    @Override
    public void taken(DeliveryStreamRecord stream, FlushPlan plan) {
      throw new AssertionError("a flush left for a claim was taken");
    }
  }
}

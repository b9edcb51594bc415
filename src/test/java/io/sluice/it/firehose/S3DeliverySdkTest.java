package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.bytes;
import static io.sluice.it.firehose.DeliveryTesting.concat;
import static io.sluice.it.firehose.DeliveryTesting.size;
import static io.sluice.it.firehose.DeliveryTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.destination.Compression;
import io.sluice.firehose.destination.Decompression;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Direct PUT delivery streams to Extended S3 end to end, on each engine and the wall clock: records
 * put with the SDK's {@code FirehoseClient} are flushed by the node to an S3-compatible server
 * (S3Proxy, {@code SLUICE_FIREHOSE_S3_ENDPOINT}) and read back with the SDK's {@code S3Client}:
 * exactly the bytes put, in order, each once, no separator; the default prefix and object names;
 * custom prefixes; GZIP; flushes by size and by interval; a missing bucket retried until it exists;
 * the source backup of a Lambda-transformed stream.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class S3DeliverySdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static FunctionServer function;

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  String stream;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    S3.start();
    function = new FunctionServer();
    Map<String, String> env = new HashMap<>(DeliveryTesting.environment(S3, Map.of()));
    env.put("SLUICE_LAMBDA_ENDPOINTS", function.lambdaEndpoints());
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, java.time.InstantSource.system(), env));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    NODES.values().forEach(TestSluice::close);
    function.close();
  }

  @BeforeEach
  void given() {
    firehose = DeliveryTesting.client(NODES.get(engine).endpoint());
    stream = TestSluice.uniqueName("s3-" + engine.name().toLowerCase());
    bucket = TestSluice.uniqueName("out-" + engine.name().toLowerCase());
    S3.createBucket(bucket);
  }

  @AfterEach
  void closeClient() {
    firehose.close();
  }

  /** Creates {@link #stream} to {@link #bucket}, {@code config} adding to the destination; waits until ACTIVE. */
  private void create(UnaryOperator<ExtendedS3DestinationConfiguration.Builder> config) {
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .extendedS3DestinationConfiguration(config.apply(ExtendedS3DestinationConfiguration.builder()
            .roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)).build()).build());
  }

  private void put(String data) {
    firehose.putRecord(r -> r.deliveryStreamName(stream).record(rec -> rec.data(SdkBytes.fromUtf8String(data))));
  }

  private void putBatch(List<byte[]> data) {
    PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(stream)
        .records(data.stream().map(d -> Record.builder().data(SdkBytes.fromByteArray(d)).build()).toList()));
    assertEquals(0, response.failedPutCount());
    assertEquals(data.size(), response.requestResponses().size());
  }

  /** The objects of {@link #bucket} once they hold {@code bytes} bytes together (at most 15 s). */
  private Map<String, byte[]> objectsHolding(long bytes) {
    return DeliveryTesting.awaitValue(Duration.ofSeconds(15), bytes + " bytes in " + bucket, () -> S3.objects(bucket),
        o -> size(o) >= bytes);
  }

  /** Record {@code i} of a sequence: {@code r<i>|}, so that objects can be put back in order. */
  private static String seq(int i) {
    return "r" + String.format("%04d", i) + "|";
  }

  /**
   * The objects' bytes in the order of their first record (a {@link #seq} record); each object must
   * hold consecutive records, so this is the put order only if every object kept it.
   */
  private static String inRecordOrder(Map<String, byte[]> objects) {
    List<String> bodies = new ArrayList<>(objects.values().stream().map(DeliveryTesting::text).toList());
    bodies.sort(Comparator.comparing(b -> b.substring(0, 6)));
    return String.join("", bodies);
  }

  @Test
  void everyAcknowledgedRecordLandsOnceInOrderUnderTheDefaultPrefix() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1)));
    Instant before = Instant.now();
    StringBuilder expected = new StringBuilder();
    int n = 0;
    for (int i = 0; i < 5; i++, n++) {
      put(seq(n));
      expected.append(seq(n));
    }
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++, n++) {
      batch.add(bytes(seq(n)));
      expected.append(seq(n));
    }
    putBatch(batch);
    for (int i = 0; i < 5; i++, n++) {
      put(seq(n));
      expected.append(seq(n));
    }

    Map<String, byte[]> objects = objectsHolding(expected.length());
    // A clean run delivers nothing twice: no further object appears.
    DeliveryTesting.sleep(1_000);
    objects = S3.objects(bucket);
    Instant after = Instant.now();

    assertEquals(expected.toString(), inRecordOrder(objects));
    Pattern key = Pattern.compile("(\\d{4}/\\d\\d/\\d\\d/\\d\\d)/" + Pattern.quote(stream)
        + "-1-(\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d)-" + UUID);
    for (String k : objects.keySet()) {
      Matcher m = key.matcher(k);
      assertTrue(m.matches(), k);
      // YYYY/MM/DD/HH/ of the oldest record's arrival (UTC); the name's time is when it was written.
      Instant hour = LocalDateTime.parse(m.group(1) + ":00", DateTimeFormatter.ofPattern("yyyy/MM/dd/HH:mm"))
          .toInstant(ZoneOffset.UTC);
      Instant written = LocalDateTime.parse(m.group(2), NAME_TIME).toInstant(ZoneOffset.UTC);
      assertFalse(hour.isBefore(before.truncatedTo(ChronoUnit.HOURS)) || hour.isAfter(after), k);
      assertFalse(written.isBefore(before.truncatedTo(ChronoUnit.SECONDS)) || written.isAfter(after), k);
    }
  }

  @Test
  void aCustomPrefixEvaluatesTimestampAndRandomStringExpressions() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1))
        .prefix("custom/!{timestamp:yyyy-MM-dd}/!{firehose:random-string}/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy}/"));
    putBatch(List.of(bytes("{\"a\":1}\n"), bytes("{\"a\":2}\n")));

    Map<String, byte[]> objects = objectsHolding(16);

    assertEquals(1, objects.size(), objects.keySet().toString());
    String k = objects.keySet().iterator().next();
    String day = DateTimeFormatter.ofPattern("yyyy-MM-dd").format(Instant.now().atZone(ZoneOffset.UTC));
    // No timestamp appended: the prefix names one; random-string is 11 characters (AWS: 046b6c7f-0b).
    assertTrue(k.matches("custom/" + day + "/[-0-9a-f]{11}/" + Pattern.quote(stream)
        + "-1-\\d{4}(-\\d\\d){5}-" + UUID), k);
    assertEquals("{\"a\":1}\n{\"a\":2}\n", text(objects.get(k)));
  }

  @Test
  void gzipObjectsDecompressToTheRecordsPut() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1)).compressionFormat("GZIP"));
    List<byte[]> batch = new ArrayList<>();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      byte[] line = bytes("{\"line\":" + i + ",\"pad\":\"" + "x".repeat(i) + "\"}\n");
      batch.add(line);
      expected.writeBytes(line);
    }
    putBatch(batch);

    Map<String, byte[]> objects = DeliveryTesting.awaitValue(Duration.ofSeconds(15), "a GZIP object",
        () -> S3.objects(bucket), o -> !o.isEmpty());

    assertEquals(1, objects.size(), objects.keySet().toString());
    String k = objects.keySet().iterator().next();
    assertTrue(k.endsWith(".gz"), k);
    byte[] body = objects.get(k);
    assertTrue(body.length < expected.size(), "not compressed: " + body.length);
    assertArrayEquals(expected.toByteArray(), Decompression.of(Compression.GZIP, body));
  }

  @Test
  void aFullBufferIsFlushedAtOnceAndTheRestWaitsForItsInterval() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(1)));
    byte[] first = new byte[600_000];
    byte[] second = new byte[600_000];
    java.util.Arrays.fill(first, (byte) 'a');
    java.util.Arrays.fill(second, (byte) 'b');
    put("head;");

    DeliveryTesting.sleep(500);
    assertTrue(S3.objects(bucket).isEmpty(), "flushed before the buffer was full");
    putBatch(List.of(first, second));

    // 1 MiB is buffered: the flush takes what fits in it (head and the first record) at once.
    Map<String, byte[]> objects = objectsHolding(5 + first.length);
    DeliveryTesting.sleep(1_000);
    objects = S3.objects(bucket);

    assertEquals(1, objects.size(), objects.keySet().toString());
    assertArrayEquals(concat(List.of(bytes("head;"), first)), objects.values().iterator().next());
  }

  @Test
  void aBufferIsFlushedWhenItsIntervalEnds() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(128)));
    long putAt = System.nanoTime();
    put("tick;");
    put("tock;");

    while (System.nanoTime() - putAt < 800_000_000L) {
      assertTrue(S3.objects(bucket).isEmpty(), "flushed before the interval ended");
      DeliveryTesting.sleep(50);
    }
    Map<String, byte[]> objects = objectsHolding(10);
    long seenAfter = (System.nanoTime() - putAt) / 1_000_000;

    assertTrue(seenAfter >= 1_000, "delivered after " + seenAfter + " ms");
    assertEquals(1, objects.size(), objects.keySet().toString());
    assertEquals("tick;tock;", text(objects.values().iterator().next()));
  }

  @Test
  void recordsForAMissingBucketAreRetriedUntilItExists() {
    String missing = TestSluice.uniqueName("later-" + engine.name().toLowerCase());
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + missing)
            .bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1))).build());
    putBatch(List.of(bytes("one;"), bytes("two;")));
    put("three;");

    // S3's retry duration is 24 h (RetryOptions cannot shorten it): the flush keeps trying.
    DeliveryTesting.sleep(1_500);
    assertFalse(S3.client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(missing)));
    S3.createBucket(missing);
    Map<String, byte[]> objects = DeliveryTesting.awaitValue(Duration.ofSeconds(15), "the records in " + missing,
        () -> S3.objects(missing), o -> size(o) >= 14);
    DeliveryTesting.sleep(500);
    objects = S3.objects(missing);

    List<String> bodies = objects.values().stream().map(DeliveryTesting::text).sorted(
        Comparator.comparing((String b) -> b.startsWith("three") ? 1 : 0)).toList();
    assertEquals("one;two;three;", String.join("", bodies));
  }

  @Test
  void sourceRecordsAreBackedUpAsPutWhileTheTransformedOnesAreDelivered() throws Exception {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1)).prefix("processed/")
        .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("Lambda").parameters(
            pa -> pa.parameterName("LambdaArn").parameterValue(FunctionServer.FUNCTION_ARN))))
        .s3BackupMode("Enabled")
        .s3BackupConfiguration(b -> b.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).prefix("source/")));
    putBatch(List.of(bytes("alpha;"), bytes("drop"), bytes("fail"), bytes("beta;")));

    Map<String, byte[]> objects = DeliveryTesting.awaitValue(Duration.ofSeconds(15), "processed, backup and error objects",
        () -> S3.objects(bucket), o -> o.size() >= 3);
    DeliveryTesting.sleep(500);
    objects = S3.objects(bucket);

    // Each key is <prefix>YYYY/MM/DD/HH/<name>; without an ErrorOutputPrefix, failed records go under
    // the destination's prefix in the processing-failed folder.
    Pattern key = Pattern.compile("([a-z/-]+/)\\d{4}/\\d\\d/\\d\\d/\\d\\d/" + Pattern.quote(stream)
        + "-1-\\d{4}(-\\d\\d){5}-" + UUID);
    Map<String, String> byPrefix = new TreeMap<>();
    objects.forEach((k, v) -> {
      Matcher m = key.matcher(k);
      assertTrue(m.matches(), k);
      byPrefix.merge(m.group(1), text(v), String::concat);
    });
    assertEquals(List.of("processed/", "processed/processing-failed/", "source/"), List.copyOf(byPrefix.keySet()));
    assertEquals("ALPHA;BETA;", byPrefix.get("processed/"));
    assertEquals("alpha;dropfailbeta;", byPrefix.get("source/"));
    JsonNode failed = JSON.readTree(byPrefix.get("processed/processing-failed/"));
    assertEquals("Lambda.ProcessingFailedStatus", failed.get("errorCode").asText());
    assertEquals("fail", text(Base64.getDecoder().decode(failed.get("rawData").asText())));
    assertEquals(FunctionServer.FUNCTION_ARN, failed.get("lambdaArn").asText());
  }

  @Test
  void aBacklogIsFlushedInObjectsOfTheBufferSizeAtOnceAndItsTailWaits() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(1)));
    // 3.5 MiB in 7 batches of 512 KiB records of 1,000 bytes each (r<n>| then padding).
    StringBuilder expected = new StringBuilder();
    int n = 0;
    for (int b = 0; b < 7; b++) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < 500; i++, n++) {
        String record = String.format("r%06d|", n) + ".".repeat(1_000 - 8);
        batch.add(bytes(record));
        expected.append(record);
      }
      putBatch(batch);
    }

    // Three full MiBs are due at once; the last half MiB waits for its 900 s.
    DeliveryTesting.awaitValue(Duration.ofSeconds(15), "3 objects in " + bucket, () -> S3.objects(bucket),
        o -> o.size() >= 3);
    DeliveryTesting.sleep(1_000);
    Map<String, byte[]> objects = S3.objects(bucket);

    List<String> bodies = new ArrayList<>(objects.values().stream().map(DeliveryTesting::text).toList());
    bodies.sort(Comparator.comparing(b -> b.substring(0, 8)));
    // Whole records up to 1 MiB of data: 1,048 of them.
    assertEquals(List.of(1_048_000, 1_048_000, 1_048_000), bodies.stream().map(String::length).toList());
    String delivered = String.join("", bodies);
    assertEquals(expected.substring(0, delivered.length()), delivered);
  }

  @Test
  void recordsOfAnEncryptedStreamAreDeliveredAsPut() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1)));
    firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName(stream)
        .deliveryStreamEncryptionConfigurationInput(e -> e.keyType("AWS_OWNED_CMK")));
    DeliveryTesting.until("encryption ENABLED", Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(
        r -> r.deliveryStreamName(stream)).deliveryStreamDescription().deliveryStreamEncryptionConfiguration()
        .statusAsString().equals("ENABLED"));
    putBatch(List.of(bytes("secret-1;"), bytes("secret-2;")));

    Map<String, byte[]> objects = objectsHolding(18);

    assertEquals("secret-1;secret-2;", text(concat(objects.values())));
  }

  @Test
  void anUpdatedDestinationWritesUnderItsNewPrefixWithTheNewVersionInTheName() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1)).prefix("v1/"));
    put("before;");
    objectsHolding(7);
    var description = firehose.describeDeliveryStream(r -> r.deliveryStreamName(stream)).deliveryStreamDescription();
    firehose.updateDestination(r -> r.deliveryStreamName(stream)
        .currentDeliveryStreamVersionId(description.versionId())
        .destinationId(description.destinations().getFirst().destinationId())
        .extendedS3DestinationUpdate(u -> u.prefix("v2/")));
    put("after;");

    Map<String, byte[]> objects = objectsHolding(13);

    assertEquals(2, objects.size(), objects.keySet().toString());
    objects.forEach((k, v) -> {
      boolean first = text(v).equals("before;");
      assertTrue(k.matches((first ? "v1/" : "v2/") + "\\d{4}/\\d\\d/\\d\\d/\\d\\d/" + Pattern.quote(stream)
          + (first ? "-1-" : "-2-") + "\\d{4}(-\\d\\d){5}-" + UUID), k);
    });
  }

  @Test
  void aCustomTimeZoneAndFileExtensionShapeTheKey() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1)).compressionFormat("GZIP")
        .customTimeZone("Asia/Tokyo").fileExtension(".json.gz"));
    Instant before = Instant.now();
    put("{\"tz\":1}");

    Map<String, byte[]> objects = objectsHolding(1);
    Instant after = Instant.now();

    String k = objects.keySet().iterator().next();
    Matcher m = Pattern.compile("(\\d{4}/\\d\\d/\\d\\d/\\d\\d)/" + Pattern.quote(stream)
        + "-1-(\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d)-" + UUID + "\\.json\\.gz").matcher(k);
    assertTrue(m.matches(), k);
    // Both the prefix and the name's time are in Tokyo's time (UTC+9), not UTC.
    java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
    Instant hour = LocalDateTime.parse(m.group(1) + ":00", DateTimeFormatter.ofPattern("yyyy/MM/dd/HH:mm"))
        .atZone(tokyo).toInstant();
    Instant written = LocalDateTime.parse(m.group(2), NAME_TIME).atZone(tokyo).toInstant();
    assertFalse(hour.isBefore(before.truncatedTo(ChronoUnit.HOURS)) || hour.isAfter(after), k);
    assertFalse(written.isBefore(before.truncatedTo(ChronoUnit.SECONDS)) || written.isAfter(after), k);
    assertEquals("{\"tz\":1}", text(Decompression.of(Compression.GZIP, objects.get(k))));
  }

  @Test
  void onRedisAcknowledgedRecordsAreDeliveredByTheNextNodeAfterARestart() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.REDIS, "the memory engine keeps nothing across a restart");
    String prefix = io.sluice.testing.RedisTestServer.uniquePrefix("fh-restart");
    Map<String, String> env = new HashMap<>(DeliveryTesting.environment(S3, Map.of()));
    TestSluice first = TestSluice.start(Engine.REDIS, java.time.InstantSource.system(), env, prefix);
    try (FirehoseClient client = DeliveryTesting.client(first.endpoint())) {
      DeliveryTesting.createActive(client, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
          .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
              .bufferingHints(h -> h.intervalInSeconds(2).sizeInMBs(1))).build());
      client.putRecordBatch(r -> r.deliveryStreamName(stream).records(
          Record.builder().data(SdkBytes.fromUtf8String("kept-1;")).build(),
          Record.builder().data(SdkBytes.fromUtf8String("kept-2;")).build()));
    }
    first.close();
    assertTrue(S3.objects(bucket).isEmpty(), "flushed before its interval ended");

    try (TestSluice second = TestSluice.start(Engine.REDIS, java.time.InstantSource.system(), env, prefix)) {
      Map<String, byte[]> objects = objectsHolding(14);
      DeliveryTesting.sleep(1_000);
      objects = S3.objects(bucket);

      assertEquals(1, objects.size(), objects.keySet().toString());
      assertEquals("kept-1;kept-2;", text(objects.values().iterator().next()));
    }
  }

  @Test
  void twoNodesOnOneRedisDeliverEveryRecordOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.REDIS, "nodes share a buffer only on Redis");
    String prefix = io.sluice.testing.RedisTestServer.uniquePrefix("fh-two");
    Map<String, String> env = new HashMap<>(DeliveryTesting.environment(S3, Map.of()));
    try (TestSluice a = TestSluice.start(Engine.REDIS, java.time.InstantSource.system(), env, prefix);
         TestSluice b = TestSluice.start(Engine.REDIS, java.time.InstantSource.system(), env, prefix);
         FirehoseClient onA = DeliveryTesting.client(a.endpoint());
         FirehoseClient onB = DeliveryTesting.client(b.endpoint())) {
      DeliveryTesting.createActive(onA, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
          .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
              .bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1))).build());
      // Four writers, two on each node; every put makes a flush due at once, taken by its node.
      List<String> put = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        FirehoseClient client = w % 2 == 0 ? onA : onB;
        int writer = w;
        writers.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < 50; i++) {
            String data = String.format("w%d-%03d|", writer, i);
            client.putRecord(r -> r.deliveryStreamName(stream).record(rec -> rec.data(SdkBytes.fromUtf8String(data))));
            put.add(data);
          }
        }));
      }
      for (Thread t : writers) {
        t.join(60_000);
      }
      long total = put.stream().mapToLong(String::length).sum();

      objectsHolding(total);
      DeliveryTesting.sleep(1_000);
      Map<String, byte[]> objects = S3.objects(bucket);

      List<String> delivered = new ArrayList<>();
      for (byte[] o : objects.values()) {
        List<String> records = List.of(text(o).split("(?<=\\|)"));
        for (int w = 0; w < 4; w++) {
          String mine = "w" + w + "-";
          List<String> ofWriter = records.stream().filter(r -> r.startsWith(mine)).toList();
          assertEquals(ofWriter.stream().sorted().toList(), ofWriter, "a writer's records in order");
        }
        delivered.addAll(records);
      }
      assertEquals(put.stream().sorted().toList(), delivered.stream().sorted().toList());
    }
  }

  @Test
  void theOlderS3DestinationDeliversLikeExtendedS3() {
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .s3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).prefix("plain/")
            .bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1))).build());
    putBatch(List.of(bytes("x;"), bytes("y;")));

    Map<String, byte[]> objects = objectsHolding(4);

    String k = objects.keySet().iterator().next();
    assertTrue(k.matches("plain/\\d{4}/\\d\\d/\\d\\d/\\d\\d/" + Pattern.quote(stream) + "-1-\\d{4}(-\\d\\d){5}-" + UUID), k);
    assertEquals("x;y;", text(objects.get(k)));
  }

  @Test
  void anEncryptedBufferIsFullOnlyOnceItHoldsItsSizeOfData() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(1)));
    firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName(stream)
        .deliveryStreamEncryptionConfigurationInput(e -> e.keyType("AWS_OWNED_CMK")));
    DeliveryTesting.until("encryption ENABLED", Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(
        r -> r.deliveryStreamName(stream)).deliveryStreamDescription().deliveryStreamEncryptionConfiguration()
        .statusAsString().equals("ENABLED"));
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(bytes(".".repeat(100)));
    }
    // 800,000 bytes of data in 100-byte records: less than the 1 MiB buffer, however they are kept.
    for (int b = 0; b < 16; b++) {
      putBatch(batch);
    }
    DeliveryTesting.sleep(1_500);
    assertEquals(Map.of(), S3.objects(bucket), "flushed before 1 MiB of data was buffered");
    for (int b = 0; b < 8; b++) {
      putBatch(batch);
    }

    Map<String, byte[]> objects = objectsHolding(1);

    // 1 MiB of data holds 10,485 whole records.
    assertEquals(List.of(1_048_500), objects.values().stream().map(v -> v.length).toList());
  }

  @Test
  void aStreamCreatedAgainUnderItsNameDeliversNothingOfTheDeletedOne() {
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(2).sizeInMBs(1)).prefix("first/"));
    put("deleted-with-its-stream;");
    firehose.deleteDeliveryStream(r -> r.deliveryStreamName(stream));
    DeliveryTesting.until("the stream gone", Duration.ofSeconds(10), () -> firehose.listDeliveryStreams(r -> r.limit(10000))
        .deliveryStreamNames().stream().noneMatch(stream::equals));
    create(c -> c.bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1)).prefix("second/"));
    put("new;");

    Map<String, byte[]> objects = objectsHolding(4);
    // Past the deleted stream's interval too: its buffer went with it.
    DeliveryTesting.sleep(2_500);
    objects = S3.objects(bucket);

    assertEquals(1, objects.size(), objects.keySet().toString());
    String k = objects.keySet().iterator().next();
    assertTrue(k.startsWith("second/") && k.contains("/" + stream + "-1-"), k);
    assertEquals("new;", text(objects.get(k)));
  }
}

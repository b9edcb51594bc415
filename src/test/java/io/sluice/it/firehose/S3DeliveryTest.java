package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.destination.Compression;
import io.sluice.firehose.destination.Decompression;
import io.sluice.firehose.destination.S3Destinations;
import io.sluice.firehose.destination.S3ObjectStore;
import io.sluice.firehose.destination.S3Settings;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.it.S3ProxyServer;
import io.sluice.protocol.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Firehose's S3 output against an S3-compatible server (S3Proxy in the test JVM): objects written
 * through {@code S3Delivery}, {@code S3Writer} and {@code S3ObjectStore} and read back with the SDK's
 * S3 client: keys (default and custom prefixes, partition keys, names), every compression, error
 * output, the source backup, and failures as Firehose's error codes.
 */
class S3DeliveryTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final String BUCKET = "firehose-out";
  /** The flush's clock: 15:04:05 UTC on Dec 6, 2026. */
  private static final Instant NOW = Instant.parse("2026-12-06T15:04:05Z");
  /** The records arrived about an hour earlier, across an hour boundary. */
  private static final long ARRIVED = Instant.parse("2026-12-06T13:59:58Z").toEpochMilli();

  private static S3ObjectStore store;
  private static S3Destinations s3;

  @BeforeAll
  static void open() {
    store = S3ObjectStore.open(S3.settings());
    s3 = S3Destinations.create(store, InstantSource.fixed(NOW));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void bucket() {
    S3.createBucket(BUCKET);
  }

  @AfterEach
  void clear() {
    S3.clear();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JsonCodec.json().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode config(String members) {
    return json("{\"RoleARN\":\"arn:aws:iam::000000000000:role/firehose\",\"BucketARN\":\"arn:aws:s3:::" + BUCKET + "\""
        + (members.isEmpty() ? "" : "," + members) + "}");
  }

  private static DeliveryStreamRecord stream(Destination d, long version) {
    return new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", "logs"), "DirectPut",
        ARRIVED - 60_000, ARRIVED - 59_000, version, ARRIVED - 60_000, List.of(d), null, null, null, Map.of(), 1, null);
  }

  private static DeliveryBatch batch(String kind, ObjectNode config, List<DeliveryRecord> records) {
    Destination d = new Destination("destinationId-000000000001", kind, config);
    return new DeliveryBatch(stream(d, 1), d, "batch-1", NOW.toEpochMilli(), records);
  }

  private static List<DeliveryRecord> records(int n) {
    List<DeliveryRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(DeliveryRecord.of("r" + i, ARRIVED + i * 1000L, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static byte[] concat(List<DeliveryRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(r -> out.writeBytes(r.data()));
    return out.toByteArray();
  }

  private static AttemptResult attempt(DeliveryBatch batch) throws Exception {
    return s3.delivery().attempt(batch, 1).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void recordsLandConcatenatedUnderTheDefaultHourPrefixOfTheOldestRecord() throws Exception {
    List<DeliveryRecord> records = records(5);
    AttemptResult result = attempt(batch("ExtendedS3", config(""), records));

    assertTrue(result.allDelivered());
    Map<String, byte[]> objects = S3.objects(BUCKET);
    assertEquals(1, objects.size(), objects.keySet().toString());
    String key = objects.keySet().iterator().next();
    // The prefix is the oldest record's hour (13), the name's time is when the object was written.
    assertTrue(key.matches("2026/12/06/13/logs-1-2026-12-06-15-04-05-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"), key);
    assertArrayEquals(concat(records), objects.get(key));
  }

  @Test
  void theS3KindWritesLikeExtendedS3() throws Exception {
    List<DeliveryRecord> records = records(2);
    assertTrue(attempt(batch("S3", config("\"Prefix\":\"plain/\""), records)).allDelivered());
    String key = S3.objects(BUCKET).keySet().iterator().next();
    assertTrue(key.startsWith("plain/2026/12/06/13/logs-1-"), key);
  }

  @Test
  void customPrefixesWithPartitionKeysWriteOneObjectPerPartition() throws Exception {
    ObjectNode c = config("\"Prefix\":\"by-customer/!{partitionKeyFromQuery:customer}/!{timestamp:yyyy-MM-dd'T'HH}/\","
        + "\"ErrorOutputPrefix\":\"errors/!{firehose:error-output-type}/\","
        + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true},\"FileExtension\":\".json\"");
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String customer = i % 2 == 0 ? "even" : "odd";
      records.add(new DeliveryRecord("r" + i, ARRIVED + i * 1000L, ("[" + i + "]").getBytes(StandardCharsets.UTF_8),
          Map.of("partitionKeyFromQuery:customer", customer)));
    }
    assertTrue(attempt(batch("ExtendedS3", c, records)).allDelivered());

    Map<String, byte[]> objects = S3.objects(BUCKET);
    assertEquals(2, objects.size(), objects.keySet().toString());
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      boolean even = o.getKey().startsWith("by-customer/even/2026-12-06T13/logs-1-");
      assertTrue(even || o.getKey().startsWith("by-customer/odd/2026-12-06T13/logs-1-"), o.getKey());
      assertTrue(o.getKey().endsWith(".json"), o.getKey());
      assertEquals(even ? "[0][2][4]" : "[1][3][5]", new String(o.getValue(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void writingRecordsAnswersTheUrlsOfTheObjectsInTheOrderOfTheirFirstRecords() throws Exception {
    ObjectNode c = config("\"Prefix\":\"p/!{partitionKeyFromLambda:k}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\",\"DynamicPartitioningConfiguration\":{\"Enabled\":true}");
    Destination d = new Destination("destinationId-000000000001", "ExtendedS3", c);
    List<DeliveryRecord> records = List.of(
        new DeliveryRecord("1", ARRIVED, new byte[] {'b'}, Map.of("partitionKeyFromLambda:k", "b")),
        new DeliveryRecord("2", ARRIVED, new byte[] {'a'}, Map.of("partitionKeyFromLambda:k", "a")));
    List<String> urls = s3.writer().writeRecords(stream(d, 1), c, records, NOW.toEpochMilli()).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    assertEquals(2, urls.size());
    assertTrue(urls.get(0).startsWith("s3://" + BUCKET + "/p/b/logs-1-"), urls.toString());
    assertTrue(urls.get(1).startsWith("s3://" + BUCKET + "/p/a/logs-1-"), urls.toString());
    for (String url : urls) {
      assertTrue(S3.objects(BUCKET).containsKey(url.substring(("s3://" + BUCKET + "/").length())), url);
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void everyCompressionFormatReadsBack(Compression format) throws Exception {
    String name = switch (format) {
      case SNAPPY -> "Snappy";
      default -> format.name();
    };
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      records.add(DeliveryRecord.of("r" + i, ARRIVED, ("{\"line\":" + i + ",\"pad\":\"" + "x".repeat(i % 97) + "\"}\n")
          .getBytes(StandardCharsets.UTF_8)));
    }
    assertTrue(attempt(batch("ExtendedS3", config("\"CompressionFormat\":\"" + name + "\""), records)).allDelivered());

    Map<String, byte[]> objects = S3.objects(BUCKET);
    assertEquals(1, objects.size());
    String key = objects.keySet().iterator().next();
    assertTrue(key.matches("2026/12/06/13/logs-1-2026-12-06-15-04-05-[-0-9a-f]{36}" + Pattern.quote(format.extension())),
        key);
    assertArrayEquals(concat(records), Decompression.of(format, objects.get(key)));
  }

  @Test
  void errorOutputIsOneLinePerFailedRecordUnderTheErrorPrefix() throws Exception {
    ObjectNode c = config("\"Prefix\":\"data/!{timestamp:yyyy}/\",\"CompressionFormat\":\"GZIP\","
        + "\"ErrorOutputPrefix\":\"failed/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/\"");
    Destination d = new Destination("destinationId-000000000001", "ExtendedS3", c);
    List<byte[]> lines = List.of("{\"errorCode\":\"Lambda.FunctionError\"}".getBytes(StandardCharsets.UTF_8),
        "{\"errorCode\":\"Lambda.FunctionError\",\"n\":2}".getBytes(StandardCharsets.UTF_8));
    s3.writer().writeErrors(stream(d, 4), c, "processing-failed", lines, NOW.toEpochMilli())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    Map<String, byte[]> objects = S3.objects(BUCKET);
    String key = objects.keySet().iterator().next();
    assertTrue(key.matches("failed/processing-failed/2026/12/06/logs-4-2026-12-06-15-04-05-[-0-9a-f]{36}\\.gz"), key);
    assertEquals("{\"errorCode\":\"Lambda.FunctionError\"}\n{\"errorCode\":\"Lambda.FunctionError\",\"n\":2}\n",
        new String(Decompression.of(Compression.GZIP, objects.get(key)), StandardCharsets.UTF_8));
  }

  @Test
  void withoutAnErrorPrefixFailedRecordsGoUnderTheirTypeFolder() throws Exception {
    ObjectNode c = config("");
    Destination d = new Destination("destinationId-000000000001", "HttpEndpoint", c);
    s3.writer().writeErrors(stream(d, 1), c, "http-endpoint-failed", List.of("{}".getBytes(StandardCharsets.UTF_8)),
        NOW.toEpochMilli()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    String key = S3.objects(BUCKET).keySet().iterator().next();
    assertTrue(key.startsWith("http-endpoint-failed/2026/12/06/15/logs-1-2026-12-06-15-04-05-"), key);
  }

  @Test
  void sourceRecordsAreBackedUpUnderTheBackupConfiguration() throws Exception {
    ObjectNode c = config("\"Prefix\":\"processed/\",\"S3BackupMode\":\"Enabled\",\"S3BackupConfiguration\":{"
        + "\"RoleARN\":\"arn:aws:iam::000000000000:role/firehose\",\"BucketARN\":\"arn:aws:s3:::" + BUCKET + "\","
        + "\"Prefix\":\"source/\",\"ErrorOutputPrefix\":\"ignored/\",\"CompressionFormat\":\"GZIP\"}");
    Destination d = new Destination("destinationId-000000000001", "ExtendedS3", c);
    List<BufferedRecord> source = List.of(new BufferedRecord("a", ARRIVED, "raw-1;".getBytes(StandardCharsets.UTF_8)),
        new BufferedRecord("b", ARRIVED + 1, "raw-2;".getBytes(StandardCharsets.UTF_8)));
    s3.delivery().backupSource(stream(d, 2), d, source, NOW.toEpochMilli()).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    Map<String, byte[]> objects = S3.objects(BUCKET);
    String key = objects.keySet().iterator().next();
    assertTrue(key.startsWith("source/2026/12/06/13/logs-2-") && key.endsWith(".gz"), key);
    assertEquals("raw-1;raw-2;", new String(Decompression.of(Compression.GZIP, objects.get(key)), StandardCharsets.UTF_8));

    Destination disabled = new Destination(d.id(), "ExtendedS3", config("\"S3BackupMode\":\"Disabled\""));
    S3.clear();
    S3.createBucket(BUCKET);
    s3.delivery().backupSource(stream(disabled, 2), disabled, source, NOW.toEpochMilli()).toCompletableFuture().get();
    assertTrue(S3.objects(BUCKET).isEmpty());
  }

  @Test
  void aMissingBucketFailsEveryRecordWithARetryableNoSuchBucket() throws Exception {
    ObjectNode c = json("{\"RoleARN\":\"arn:aws:iam::000000000000:role/firehose\",\"BucketARN\":\"arn:aws:s3:::absent\"}");
    List<DeliveryRecord> records = records(3);
    AttemptResult result = attempt(batch("ExtendedS3", c, records));

    assertFalse(result.allDelivered());
    assertEquals(3, result.failed().size());
    assertEquals("S3.NoSuchBucket", result.failure().errorCode());
    assertTrue(result.failure().retryable());
  }

  @Test
  void wrongCredentialsAreS3sOwnErrorCode() throws Exception {
    S3Settings wrong = new S3Settings(S3.endpoint(), "someone-else", "nope", "us-east-1");
    try (S3ObjectStore other = S3ObjectStore.open(wrong)) {
      CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
          () -> other.put(BUCKET, "k", new byte[] {1}, null).toCompletableFuture().join());
      DeliveryFailure f = (DeliveryFailure) e.getCause();
      assertEquals("S3.InvalidAccessKeyId", f.errorCode());
      assertTrue(f.retryable());
    }
  }

  @Test
  void anUnreachableEndpointIsARetryableServiceUnavailable() throws Exception {
    S3Settings closed;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = new S3Settings("http://127.0.0.1:" + socket.getLocalPort(), "a", "b", "us-east-1");
    }
    try (S3ObjectStore other = S3ObjectStore.open(closed)) {
      S3Destinations unreachable = S3Destinations.create(other, InstantSource.fixed(NOW));
      AttemptResult result = unreachable.delivery().attempt(batch("ExtendedS3", config(""), records(1)), 1)
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals("S3.ServiceUnavailable", result.failure().errorCode());
      assertTrue(result.failure().retryable());
    }
  }

  @Test
  void theStorePutsTheBytesWithTheirContentEncoding() throws Exception {
    store.put(BUCKET, "a/b.txt.gz", "hello".getBytes(StandardCharsets.UTF_8), "gzip").toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    var head = S3.client().headObject(b -> b.bucket(BUCKET).key("a/b.txt.gz"));
    assertEquals("gzip", head.contentEncoding());
    assertEquals("hello", new String(S3.objects(BUCKET).get("a/b.txt.gz"), StandardCharsets.UTF_8));
  }
}

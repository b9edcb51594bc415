package io.sluice.it.firehose;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.destination.EndpointClient;
import io.sluice.firehose.destination.HttpEndpointDelivery;
import io.sluice.firehose.destination.TestBatches;
import io.sluice.protocol.JsonCodec;
import io.sluice.time.ManualClock;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpEndpointDelivery} against a real HTTP endpoint started in the test that checks each
 * request against AWS's HTTP endpoint delivery specification: what is sent, which answers deliver,
 * which are retried with the same request id, 413, timeouts, and the S3 error output and backup.
 */
class HttpEndpointDeliveryTest {
  static Vertx vertx;
  static EndpointClient client;
  HttpEndpointReceiver receiver;
  RecordedS3Writes s3;
  ManualClock clock = new ManualClock(1_700_000_000_000L);
  HttpEndpointDelivery delivery;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    client = new EndpointClient(vertx, 2_000);
  }

  @AfterAll
  static void stopVertx() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    receiver = new HttpEndpointReceiver(vertx);
    s3 = new RecordedS3Writes();
    delivery = new HttpEndpointDelivery(client, s3, clock);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  DeliveryBatch batch(String requestConfig, List<DeliveryRecord> records) {
    return batch(requestConfig, "", records);
  }

  /** A batch to the receiver, {@code requestConfig} added to RequestConfiguration, {@code config} to the destination's. */
  DeliveryBatch batch(String requestConfig, String config, List<DeliveryRecord> records) {
    return TestBatches.batch("HttpEndpoint", """
        {"EndpointConfiguration":{"Url":"%s","AccessKey":"k-123"},
         "RequestConfiguration":{"CommonAttributes":[{"AttributeName":"env","AttributeValue":"test"}]%s}%s,
         "S3Configuration":{"RoleARN":"arn:aws:iam::123456789012:role/r","BucketARN":"arn:aws:s3:::backup"}}"""
        .formatted(receiver.url("/ingest?source=firehose"), requestConfig, config), "batch-1", records);
  }

  @Test
  void recordsArriveAsTheSpecSaysAndA200WithTheRequestIdDelivers() throws Exception {
    DeliveryBatch batch = batch("", TestBatches.records("hello", "hello world\n", ""));

    AttemptResult result = await(delivery.attempt(batch, 1));

    assertTrue(result.allDelivered(), String.valueOf(result.failure()));
    HttpEndpointReceiver.Received r = receiver.await(1, Duration.ofSeconds(5)).getFirst();
    assertEquals(List.of(), r.violations());
    assertEquals("/ingest", r.path());
    assertEquals("k-123", r.header("X-Amz-Firehose-Access-Key"));
    assertEquals("arn:aws:firehose:us-east-1:123456789012:deliverystream/logs", r.header("X-Amz-Firehose-Source-Arn"));
    JsonNode attributes = JsonCodec.json().readTree(r.header("X-Amz-Firehose-Common-Attributes"));
    assertEquals("test", attributes.path("commonAttributes").path("env").asText());
    assertEquals(clock.millis(), r.timestamp());
    assertFalse(r.gzipped());
    assertEquals(List.of("hello", "hello world\n", ""),
        r.records().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
  }

  @Test
  void gzipContentEncodingCompressesTheBody() throws Exception {
    DeliveryBatch batch = batch(",\"ContentEncoding\":\"GZIP\"", TestBatches.records("{\"a\":1}\n", "{\"a\":2}\n"));

    assertTrue(await(delivery.attempt(batch, 1)).allDelivered());

    HttpEndpointReceiver.Received r = receiver.await(1, Duration.ofSeconds(5)).getFirst();
    assertEquals(List.of(), r.violations());
    assertTrue(r.gzipped());
    assertEquals("gzip", r.header("Content-Encoding"));
    assertArrayEquals("{\"a\":2}\n".getBytes(StandardCharsets.UTF_8), r.records().get(1));
  }

  @Test
  void aRetryAfterA500SendsTheSameRequestId() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Status(500));
    DeliveryBatch batch = batch("", TestBatches.records("a", "b"));

    AttemptResult first = await(delivery.attempt(batch, 1));
    clock.advanceMillis(1_000);
    AttemptResult second = await(delivery.attempt(batch.with(first.failed()), 2));

    assertEquals("HttpEndpoint.DestinationException", first.failure().errorCode());
    assertTrue(first.failure().retryable());
    assertEquals(2, first.failed().size());
    assertTrue(second.allDelivered());
    List<HttpEndpointReceiver.Received> both = receiver.await(2, Duration.ofSeconds(5));
    assertEquals(both.get(0).requestId(), both.get(1).requestId());
    assertEquals(both.get(0).header("X-Amz-Firehose-Request-Id"), both.get(1).header("X-Amz-Firehose-Request-Id"));
    assertNotEquals(both.get(0).timestamp(), both.get(1).timestamp());
  }

  static List<DeliveryRecord> many(int n) {
    List<DeliveryRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(DeliveryRecord.of(String.format("%06d", i), 1, ("r" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  @Test
  void moreThanTenThousandRecordsGoInSeveralRequestsAndOnlyAFailedOneIsRetried() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Ok(), new HttpEndpointReceiver.Status(500));
    DeliveryBatch batch = batch("", many(10_001));

    AttemptResult first = await(delivery.attempt(batch, 1));
    AttemptResult second = await(delivery.attempt(batch.with(first.failed()), 2));

    assertEquals(List.of("010000"), first.failed().stream().map(DeliveryRecord::recordId).toList());
    assertTrue(second.allDelivered());
    List<HttpEndpointReceiver.Received> sent = receiver.await(3, Duration.ofSeconds(5));
    assertEquals(List.of(10_000, 1, 1), sent.stream().map(r -> r.records().size()).toList());
    assertEquals(List.of(), sent.stream().flatMap(r -> r.violations().stream()).toList());
    assertNotEquals(sent.get(0).requestId(), sent.get(1).requestId());
    assertEquals(sent.get(1).requestId(), sent.get(2).requestId());
  }

  @Test
  void aRequestRefusedWith413IsDroppedWhileTheOthersOfItsFlushAreDelivered() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Status(413), new HttpEndpointReceiver.Ok());
    DeliveryBatch batch = batch("", many(10_001));

    AttemptResult result = await(delivery.attempt(batch, 1));

    assertEquals(10_000, result.failed().size());
    assertFalse(result.failure().retryable());
    assertEquals(2, receiver.await(2, Duration.ofSeconds(5)).size());
  }

  @Test
  void another200ThanTheRequestsIsAnInvalidResponse() throws Exception {
    receiver.answer(new HttpEndpointReceiver.WrongRequestId());

    AttemptResult result = await(delivery.attempt(batch("", TestBatches.records("a")), 1));

    assertEquals("HttpEndpoint.InvalidResponseFromDestination", result.failure().errorCode(), result.failure().getMessage());
    assertTrue(result.failure().retryable());
  }

  @Test
  void a413IsPermanentAndItsRecordsAreNotWrittenToTheErrorBucket() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Status(413));
    DeliveryBatch batch = batch("", TestBatches.records("big"));

    AttemptResult result = await(delivery.attempt(batch, 1));
    await(delivery.giveUp(batch, result.failed(), result.failure(), 1));

    assertEquals("HttpEndpoint.DestinationException", result.failure().errorCode(), result.failure().getMessage());
    assertFalse(result.failure().retryable());
    assertEquals(1, receiver.received().size());
    assertEquals(List.of(), s3.writes());
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeIsARequestTimeout() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Silence());

    AttemptResult result = await(delivery.attempt(batch("", TestBatches.records("a")), 1));

    assertEquals("HttpEndpoint.RequestTimeout", result.failure().errorCode(), result.failure().getMessage());
    assertTrue(result.failure().retryable());
  }

  @Test
  void aResponseOverOneMebibyteIsTooLarge() {
    receiver.answer(new HttpEndpointReceiver.Huge());

    AttemptResult result = await(delivery.attempt(batch("", TestBatches.records("a")), 1));

    assertEquals("HttpEndpoint.ResponseTooLarge", result.failure().errorCode(), result.failure().getMessage());
    assertTrue(result.failure().retryable());
  }

  @Test
  void anEndpointNobodyListensAtIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DeliveryBatch batch = TestBatches.batch("HttpEndpoint",
        "{\"EndpointConfiguration\":{\"Url\":\"http://127.0.0.1:" + port + "/\"}}", "b", TestBatches.records("a"));

    AttemptResult result = await(delivery.attempt(batch, 1));

    assertEquals("HttpEndpoint.ConnectionFailed", result.failure().errorCode(), result.failure().getMessage());
  }

  @Test
  void aUrlThatCannotBeParsedIsAConnectionFailure() {
    DeliveryBatch batch = TestBatches.batch("HttpEndpoint", "{\"EndpointConfiguration\":{\"Url\":\"https://[bad\"}}",
        "b", TestBatches.records("a"));

    AttemptResult result = await(delivery.attempt(batch, 1));

    assertEquals("HttpEndpoint.ConnectionFailed", result.failure().errorCode(), result.failure().getMessage());
  }

  @Test
  void givingUpWritesAwsErrorOutputUnderHttpEndpointFailed() throws Exception {
    receiver.answer(new HttpEndpointReceiver.Status(503));
    DeliveryBatch batch = batch("", TestBatches.records("sample raw data", "second"));
    AttemptResult result = await(delivery.attempt(batch, 1));
    clock.advanceMillis(300_000);

    await(delivery.giveUp(batch, result.failed(), result.failure(), 3));

    RecordedS3Writes.Write write = s3.writes().getFirst();
    assertEquals("http-endpoint-failed", write.errorOutputType());
    assertEquals("arn:aws:s3:::backup", write.s3().path("BucketARN").asText());
    assertEquals(2, write.payload().size());
    JsonNode line = JsonCodec.json().readTree(write.payload().getFirst());
    assertEquals(3, line.path("attemptsMade").asInt());
    assertEquals("HttpEndpoint.DestinationException", line.path("errorCode").asText());
    assertTrue(line.path("errorMessage").asText().contains("scripted 503"), line.toString());
    assertEquals(clock.millis(), line.path("attemptEndingTimestamp").asLong());
    assertEquals("c2FtcGxlIHJhdyBkYXRh", line.path("rawData").asText());
  }

  @Test
  void allDataBackupWritesDeliveredRecordsAndFailedDataOnlyDoesNot() {
    DeliveryBatch all = batch("", ",\"S3BackupMode\":\"AllData\"", TestBatches.records("a", "b"));
    DeliveryBatch failedOnly = batch("", ",\"S3BackupMode\":\"FailedDataOnly\"", TestBatches.records("c"));

    await(delivery.delivered(failedOnly));
    await(delivery.delivered(all));

    assertEquals(1, s3.writes().size());
    assertEquals(List.of("a", "b"), s3.writes().getFirst().payload().stream()
        .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
  }

  @Test
  void retryDurationIsRetryOptionsOrThreeHundredSeconds() {
    assertEquals(300_000, delivery.retryDurationMillis(batch("", TestBatches.records("a")).destination()));
    assertEquals(60_000, delivery.retryDurationMillis(TestBatches.batch("HttpEndpoint",
        "{\"RetryOptions\":{\"DurationInSeconds\":60}}", "b", TestBatches.records("a")).destination()));
  }
}

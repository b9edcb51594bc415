package io.sluice.it.firehose;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.destination.EndpointClient;
import io.sluice.firehose.destination.SplunkDelivery;
import io.sluice.firehose.destination.TestBatches;
import io.sluice.protocol.JsonCodec;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SplunkDelivery} against a HEC started in the test: the token, the collector the endpoint
 * type names, the data as sent, indexer acknowledgement polled until true or its timeout, and the
 * S3 error output and backup. Time between polls passes on a manual clock.
 */
class SplunkDeliveryTest {
  static final long POLL = 10_000;
  static Vertx vertx;
  static EndpointClient client;
  HecReceiver hec;
  RecordedS3Writes s3;
  ManualClock clock = new ManualClock(1_700_000_000_000L);
  ManualTimers timers = new ManualTimers(clock);
  SplunkDelivery delivery;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    client = new EndpointClient(vertx, 5_000);
  }

  @AfterAll
  static void stopVertx() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    hec = new HecReceiver(vertx, "token-1");
    s3 = new RecordedS3Writes();
    delivery = new SplunkDelivery(client, s3, clock, timers, POLL);
  }

  @AfterEach
  void stop() {
    hec.close();
  }

  DeliveryBatch batch(String type, String token, String extra, List<DeliveryRecord> records) {
    return TestBatches.batch("Splunk", """
        {"HECEndpoint":"%s","HECEndpointType":"%s","HECToken":"%s"%s,
         "S3Configuration":{"RoleARN":"arn:aws:iam::123456789012:role/r","BucketARN":"arn:aws:s3:::backup"}}"""
        .formatted(hec.url(), type, token, extra), "batch-1", records);
  }

  /** The attempt's result, moving the manual clock to each poll timer it sets until it completes. */
  AttemptResult drive(CompletionStage<AttemptResult> stage) throws Exception {
    CompletableFuture<AttemptResult> attempt = stage.toCompletableFuture();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!attempt.isDone()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the attempt did not complete");
      }
      List<Long> due = timers.oneShots();
      if (due.isEmpty()) {
        Thread.sleep(2);
      } else {
        clock.advanceMillis(Math.max(0, due.getFirst() - clock.millis()));
      }
    }
    return attempt.get();
  }

  @Test
  void rawDataIsSentWithTheTokenAndDeliveredOnceIndexed() throws Exception {
    hec.indexAfterPolls(2);
    DeliveryBatch batch = batch("Raw", "token-1", "", TestBatches.records("line 1\n", "line 2\n"));

    AttemptResult result = drive(delivery.attempt(batch, 1));

    assertTrue(result.allDelivered(), String.valueOf(result.failure()));
    HecReceiver.Event event = hec.events().getFirst();
    assertEquals("/services/collector/raw", event.path());
    assertEquals("Splunk token-1", event.headers().get("Authorization"));
    assertEquals("line 1\nline 2\n", new String(event.body(), StandardCharsets.UTF_8));
    assertEquals(3, hec.ackRequests());
  }

  @Test
  void eventEndpointGetsTheRecordsAsTheyAre() throws Exception {
    DeliveryBatch batch = batch("Event", "token-1", "",
        TestBatches.records("{\"event\":\"a\",\"sourcetype\":\"s\"}", "{\"event\":\"b\"}"));

    AttemptResult result = drive(delivery.attempt(batch, 1));

    assertTrue(result.allDelivered(), String.valueOf(result.failure()));
    HecReceiver.Event event = hec.events().getFirst();
    assertEquals("/services/collector/event", event.path());
    assertEquals("{\"event\":\"a\",\"sourcetype\":\"s\"}{\"event\":\"b\"}", new String(event.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aWrongTokenIsAnInvalidToken() throws Exception {
    AttemptResult result = drive(delivery.attempt(batch("Raw", "wrong", "", TestBatches.records("x")), 1));

    assertEquals("Splunk.InvalidToken", result.failure().errorCode(), result.failure().getMessage());
    assertTrue(result.failure().retryable());
    assertEquals(1, result.failed().size());
  }

  @Test
  void aHecNobodyListensAtIsAnInvalidEndpoint() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    DeliveryBatch batch = TestBatches.batch("Splunk", "{\"HECEndpoint\":\"http://127.0.0.1:" + port
        + "\",\"HECEndpointType\":\"Raw\",\"HECToken\":\"t\"}", "b", TestBatches.records("x"));

    AttemptResult result = drive(delivery.attempt(batch, 1));

    assertEquals("Splunk.InvalidEndpoint", result.failure().errorCode(), result.failure().getMessage());
  }

  @Test
  void anAckNotIndexedWithinTheAcknowledgementTimeoutIsAnAckTimeout() throws Exception {
    hec.indexAfterPolls(Integer.MAX_VALUE);
    long start = clock.millis();

    AttemptResult result = drive(delivery.attempt(batch("Raw", "token-1", "", TestBatches.records("x")), 1));

    assertEquals("Splunk.AckTimeout", result.failure().errorCode(), result.failure().getMessage());
    assertTrue(result.failure().retryable());
    assertEquals(180_000, clock.millis() - start);
    assertEquals(18, hec.ackRequests());
  }

  @Test
  void theAcknowledgementTimeoutIsTheConfiguredOne() throws Exception {
    hec.indexAfterPolls(Integer.MAX_VALUE);
    long start = clock.millis();

    AttemptResult result = drive(delivery.attempt(batch("Raw", "token-1", ",\"HECAcknowledgmentTimeoutInSeconds\":300",
        TestBatches.records("x")), 1));

    assertEquals("Splunk.AckTimeout", result.failure().errorCode(), result.failure().getMessage());
    assertEquals(300_000, clock.millis() - start);
  }

  @Test
  void eachAttemptWaitsForItsOwnAcknowledgement() throws Exception {
    hec.indexAfterPolls(Integer.MAX_VALUE);
    DeliveryBatch batch = batch("Raw", "token-1", "", TestBatches.records("x"));
    AttemptResult first = drive(delivery.attempt(batch, 1));
    hec.indexAfterPolls(0);

    AttemptResult second = drive(delivery.attempt(batch.with(first.failed()), 2));

    assertTrue(second.allDelivered());
    assertEquals(List.of(0L, 1L), hec.events().stream().map(HecReceiver.Event::ackId).toList());
  }

  @Test
  void givingUpWritesAwsErrorOutputUnderSplunkFailed() throws Exception {
    DeliveryBatch batch = batch("Raw", "wrong", "", TestBatches.records("MiAy", "b"));
    AttemptResult result = drive(delivery.attempt(batch, 1));

    await(delivery.giveUp(batch, result.failed(), result.failure(), 4));

    RecordedS3Writes.Write write = s3.writes().getFirst();
    assertEquals("splunk-failed", write.errorOutputType());
    assertEquals("arn:aws:s3:::backup", write.s3().path("BucketARN").asText());
    JsonNode line = JsonCodec.json().readTree(write.payload().getFirst());
    assertEquals(4, line.path("attemptsMade").asInt());
    assertEquals("Splunk.InvalidToken", line.path("errorCode").asText());
    assertEquals("TWlBeQ==", line.path("rawData").asText());
    assertEquals("r0.0", line.path("EventId").asText());
  }

  @Test
  void allEventsBackupWritesDeliveredRecordsAndFailedEventsOnlyDoesNot() {
    await(delivery.delivered(batch("Raw", "token-1", ",\"S3BackupMode\":\"FailedEventsOnly\"", TestBatches.records("a"))));
    await(delivery.delivered(batch("Raw", "token-1", ",\"S3BackupMode\":\"AllEvents\"", TestBatches.records("b"))));

    assertEquals(1, s3.writes().size());
    assertEquals("b", new String(s3.writes().getFirst().payload().getFirst(), StandardCharsets.UTF_8));
  }

  @Test
  void retryDurationIsRetryOptionsOrAnHour() {
    assertEquals(3_600_000, delivery.retryDurationMillis(batch("Raw", "t", "", TestBatches.records("a")).destination()));
    assertEquals(0, delivery.retryDurationMillis(
        batch("Raw", "t", ",\"RetryOptions\":{\"DurationInSeconds\":0}", TestBatches.records("a")).destination()));
  }
}

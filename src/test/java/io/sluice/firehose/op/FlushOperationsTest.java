package io.sluice.firehose.op;

import static io.sluice.firehose.op.MemoryFirehose.S3;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.RecordingDelivery.Attempt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Buffers flushed to their destination on the in-memory store with a manual clock: by the buffering
 * interval or size, retried with doubling waits for the destination's retry duration, then given up;
 * the cursor moves past what was delivered or given up, and nothing is delivered twice on a clean run.
 */
class FlushOperationsTest {
  private final MemoryFirehose firehose = new MemoryFirehose();

  private static String hints(int sizeMb, int seconds) {
    return "\"BufferingHints\":{\"SizeInMBs\":" + sizeMb + ",\"IntervalInSeconds\":" + seconds + "}";
  }

  private void s3Stream(String name, int sizeMb, int seconds) {
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":"
        + S3.substring(0, S3.length() - 1) + "," + hints(sizeMb, seconds) + "}}");
    firehose.clock.advanceSeconds(1);
  }

  private void httpStream(String name, int seconds, int retrySeconds) {
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"" + name + "\","
        + "\"HttpEndpointDestinationConfiguration\":{\"EndpointConfiguration\":{\"Url\":\"https://example.com/in\"},"
        + "\"S3Configuration\":" + S3 + "," + hints(1, seconds) + ",\"RetryOptions\":{\"DurationInSeconds\":"
        + retrySeconds + "}}}");
    firehose.clock.advanceSeconds(1);
  }

  private void put(String name, String... texts) {
    List<String> records = new ArrayList<>();
    for (String t : texts) {
      records.add("{\"Data\":\"" + Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)) + "\"}");
    }
    firehose.call(PutRecordBatch::new, "{\"DeliveryStreamName\":\"" + name + "\",\"Records\":["
        + String.join(",", records) + "]}");
  }

  private static DeliveryFailure retryable() {
    return new DeliveryFailure(true, "HttpEndpoint.ResponseCode.500", "500");
  }

  @Test
  void withIntervalZeroAPutIsDeliveredAtOnce() {
    s3Stream("now", 1, 0);

    put("now", "a", "b");

    assertEquals(List.of("a", "b"), firehose.s3.delivered());
  }

  @Test
  void recordsWaitForTheIntervalCountedFromTheFirstOne() {
    s3Stream("later", 5, 60);
    put("later", "a");
    firehose.clock.advanceSeconds(30);
    put("later", "b");

    firehose.clock.advanceMillis(29_500);
    List<String> early = firehose.s3.delivered();
    firehose.clock.advanceMillis(750);

    assertEquals(List.of(), early);
    assertEquals(List.of("a", "b"), firehose.s3.delivered());
  }

  @Test
  void aFullBufferIsFlushedAtOnceUpToItsSizeAndTheRestWaitsForTheInterval() {
    s3Stream("size", 1, 300);
    String big = "x".repeat(600 * 1024);

    put("size", big + "1");
    List<String> afterFirst = firehose.s3.delivered();
    put("size", big + "2");
    List<String> afterSecond = firehose.s3.delivered();
    firehose.clock.advanceSeconds(301);

    assertEquals(List.of(), afterFirst);
    assertEquals(List.of(big + "1"), afterSecond);
    assertEquals(List.of(big + "1", big + "2"), firehose.s3.delivered());
  }

  @Test
  void aFailedDeliveryIsRetriedWithDoublingWaitsUnderTheSameRequestId() {
    httpStream("retry", 0, 60);
    firehose.others.failNext(retryable(), retryable());

    put("retry", "a");
    firehose.clock.advanceMillis(999);
    int beforeFirstWait = firehose.others.attempts().size();
    firehose.clock.advanceMillis(1);
    int afterFirstWait = firehose.others.attempts().size();
    firehose.clock.advanceMillis(1_999);
    int beforeSecondWait = firehose.others.attempts().size();
    firehose.clock.advanceMillis(1);
    List<Attempt> attempts = firehose.others.attempts();

    assertEquals(1, beforeFirstWait);
    assertEquals(2, afterFirstWait);
    assertEquals(2, beforeSecondWait);
    assertEquals(List.of(1, 2, 3), attempts.stream().map(Attempt::attempt).toList());
    assertEquals(1, attempts.stream().map(Attempt::batchId).distinct().count());
    assertEquals(List.of("a"), firehose.others.delivered());
  }

  @Test
  void afterTheRetryDurationTheRecordsAreGivenUpAndTheNextPutIsDeliveredAlone() {
    httpStream("giveup", 0, 3);
    firehose.others.failNext(retryable(), retryable(), retryable());

    put("giveup", "a");
    firehose.clock.advanceSeconds(10);
    put("giveup", "b");

    assertEquals(3, firehose.others.attempts().size() - 1);
    assertEquals(List.of("a"), firehose.others.givenUp());
    assertEquals(List.of("b"), firehose.others.delivered());
  }

  @Test
  void anHttpEndpointsRetryDurationStartsWhenTheFirstAttemptFailed() {
    httpStream("slow", 0, 2);
    firehose.others.hold();
    firehose.others.failNext(retryable());

    put("slow", "a");
    // The first attempt takes longer than the whole retry duration before it fails.
    firehose.clock.advanceSeconds(5);
    firehose.others.open();
    firehose.clock.advanceSeconds(1);

    // "This duration starts after the initial attempt to send data to the custom destination via
    // HTTPS endpoint fails" (API reference, HttpEndpointRetryOptions): one retry, which delivers.
    assertEquals(List.of(1, 2), firehose.others.attempts().stream().map(Attempt::attempt).toList());
    assertEquals(List.of("a"), firehose.others.delivered());
    assertEquals(List.of(), firehose.others.givenUp());
  }

  @Test
  void aFailureNoRetryCanFixIsGivenUpAtOnce() {
    httpStream("permanent", 0, 300);
    firehose.others.failNext(new DeliveryFailure(false, "HttpEndpoint.ResponseCode.413", "too large"));

    put("permanent", "a");

    assertEquals(1, firehose.others.attempts().size());
    assertEquals(List.of("a"), firehose.others.givenUp());
  }

  @Test
  void recordsPutDuringAFlushAreDeliveredByTheNextOneInOrderAndOnlyOnce() {
    s3Stream("busy", 1, 0);
    firehose.s3.hold();

    put("busy", "a");
    put("busy", "b", "c");
    firehose.s3.open();

    assertEquals(List.of("a", "b", "c"), firehose.s3.delivered());
    assertEquals(List.of(List.of("a"), List.of("b", "c")), firehose.s3.attempts().stream()
        .map(a -> a.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList()).toList());
  }

  @Test
  void aDeletedStreamDeliversNothingMore() {
    s3Stream("gone", 5, 60);
    put("gone", "a");

    firehose.call(DeleteDeliveryStream::new, "{\"DeliveryStreamName\":\"gone\"}");
    firehose.clock.advanceSeconds(120);

    assertEquals(List.of(), firehose.s3.delivered());
  }

  @Test
  void putsAndDeliveriesAreCountedUnderFirehosesCloudWatchNames() {
    s3Stream("metered", 1, 0);

    put("metered", "ab", "c");
    firehose.clock.advanceSeconds(2);
    put("metered", "d");

    assertEquals(4.0, firehose.meters.get("firehose.IncomingBytes").tag("deliveryStream", "metered").counter().count());
    assertEquals(3.0, firehose.meters.get("firehose.IncomingRecords").counter().count());
    assertEquals(2.0, firehose.meters.get("firehose.IncomingPutRequests").counter().count());
    assertEquals(3.0, firehose.meters.get("firehose.PutRecordBatch.Records").counter().count());
    assertEquals(3.0, firehose.meters.get("firehose.DeliveryToS3.Records").counter().count());
    assertEquals(4.0, firehose.meters.get("firehose.DeliveryToS3.Bytes").counter().count());
    assertEquals(2.0, firehose.meters.get("firehose.DeliveryToS3.Success").counter().count());
    assertEquals(0.0, firehose.meters.get("firehose.DeliveryToS3.DataFreshness").gauge().value());
  }

  @Test
  void whileEncryptionIsOnRecordsAreSealedAtRestAndDeliveredAsPut() {
    s3Stream("sealed", 5, 60);
    put("sealed", "plain-before");
    firehose.call(StartDeliveryStreamEncryption::new, "{\"DeliveryStreamName\":\"sealed\","
        + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"AWS_OWNED_CMK\"}}");
    firehose.clock.advanceSeconds(1);
    put("sealed", "secret-after");

    var stream = io.sluice.testing.Await.await(firehose.store.find(
        new io.sluice.firehose.model.DeliveryStreamId("us-east-1", "000000000000", "sealed"), firehose.clock.millis()))
        .orElseThrow();
    List<String> atRest = io.sluice.testing.Await.await(firehose.store.read(stream, null, 10)).stream()
        .map(r -> new String(r.data(), StandardCharsets.ISO_8859_1)).toList();
    firehose.clock.advanceSeconds(60);

    assertEquals(2, atRest.size());
    assertEquals(true, atRest.get(0).endsWith("plain-before"));
    assertEquals(false, atRest.get(1).contains("secret-after"));
    assertEquals(List.of("plain-before", "secret-after"), firehose.s3.delivered());
  }

  @Test
  void aStoppingNodeHandsBackAFlushWaitingToRetryWithoutGivingItsRecordsUp() {
    httpStream("handback", 0, 300);
    firehose.others.failNext(retryable());
    put("handback", "a");

    firehose.services.flusher().stop();
    var claimed = io.sluice.testing.Await.await(firehose.store.flushes().claim(firehose.clock.millis(), 10, "other",
        firehose.clock.millis() + 60_000));
    firehose.clock.advanceSeconds(5);

    assertEquals(List.of(), firehose.others.givenUp());
    assertEquals(1, firehose.others.attempts().size());
    assertEquals(1, claimed.size());
  }

  @Test
  void aBacklogOfSeveralBufferSizesIsWrittenAsSeveralObjectsAtOnceEachAtMostTheSize() {
    s3Stream("backlog", 1, 300);
    String big = "z".repeat(600 * 1024);
    firehose.s3.hold();

    put("backlog", big + "1", big + "2", big + "3");
    int underWay = firehose.s3.attempts().size();
    firehose.s3.open();
    firehose.clock.advanceSeconds(301);

    assertEquals(2, underWay, "the two full objects at once; the third, below the size, waits for the interval");
    // Objects written at once land in any order; each holds its records in order.
    assertEquals(List.of("1", "2", "3"), firehose.s3.delivered().stream().map(t -> t.substring(t.length() - 1))
        .sorted().toList());
    assertEquals(List.of(1, 1, 1), firehose.s3.attempts().stream().map(a -> a.records().size()).toList());
  }
}

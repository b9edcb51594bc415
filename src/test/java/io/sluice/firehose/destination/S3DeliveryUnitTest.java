package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** S3Delivery and S3Writer over an object store in memory: what an attempt writes, how failures and retries come out. */
class S3DeliveryUnitTest {
  private static final long NOW = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();

  /** Puts by bucket/key; fails the puts of keys starting with {@code failing} with {@code failure} when set. */
  static final class MemoryStore implements ObjectStore {
    final Map<String, byte[]> objects = new LinkedHashMap<>();
    RuntimeException failure;
    String failing = "";

    @Override
    public CompletionStage<Void> put(String bucket, String key, byte[] body, String contentEncoding) {
      if (failure != null && key.startsWith(failing)) {
        return CompletableFuture.failedFuture(failure);
      }
      synchronized (objects) {
        objects.put(bucket + "/" + key, body);
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  private final MemoryStore store = new MemoryStore();
  private final S3Delivery delivery =
      new S3Delivery(new S3Writer(store, new ObjectKeys(), Runnable::run), InstantSource.fixed(Instant.ofEpochMilli(NOW)));

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JsonCodec.json().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeliveryBatch batch(ObjectNode config, List<DeliveryRecord> records) {
    Destination d = new Destination("destinationId-000000000001", "ExtendedS3", config);
    DeliveryStreamRecord stream = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", "s"),
        "DirectPut", 0, 0, 7, 0, List.of(d), null, null, null, Map.of(), 1, null);
    return new DeliveryBatch(stream, d, "b", NOW, records);
  }

  private static DeliveryRecord record(String id, String data, Map<String, String> keys) {
    return new DeliveryRecord(id, NOW, data.getBytes(StandardCharsets.UTF_8), keys);
  }

  private static AttemptResult join(CompletionStage<AttemptResult> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void anAttemptWritesOneObjectPerPartitionInBufferOrder() {
    ObjectNode c = json("{\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"!{partitionKeyFromLambda:k}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}\",\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}");
    AttemptResult r = join(delivery.attempt(batch(c, List.of(record("1", "a", Map.of("partitionKeyFromLambda:k", "x")),
        record("2", "b", Map.of("partitionKeyFromLambda:k", "y")), record("3", "c", Map.of("partitionKeyFromLambda:k", "x")))), 1));

    assertTrue(r.allDelivered());
    assertEquals(2, store.objects.size());
    store.objects.forEach((key, body) -> {
      assertTrue(key.matches("b/[xy]/s-7-2026-01-02-03-04-05-[-0-9a-f]{36}"), key);
      assertEquals(key.startsWith("b/x/") ? "ac" : "b", new String(body, StandardCharsets.UTF_8));
    });
  }

  @Test
  void onlyTheRecordsOfFailedPartitionsAreAnsweredFailed() {
    ObjectNode c = json("{\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"!{partitionKeyFromLambda:k}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}\",\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}");
    store.failure = new DeliveryFailure(true, "S3.SlowDown", "slow down");
    store.failing = "y/";
    List<DeliveryRecord> records = List.of(record("1", "a", Map.of("partitionKeyFromLambda:k", "x")),
        record("2", "b", Map.of("partitionKeyFromLambda:k", "y")), record("3", "c", Map.of("partitionKeyFromLambda:k", "x")),
        record("4", "d", Map.of("partitionKeyFromLambda:k", "y")));
    AttemptResult r = join(delivery.attempt(batch(c, records), 1));

    assertEquals(List.of(records.get(1), records.get(3)), r.failed());
    assertEquals("S3.SlowDown", r.failure().errorCode());
    assertEquals(1, store.objects.size());
    assertTrue(store.objects.keySet().iterator().next().startsWith("b/x/"));
  }

  @Test
  void aFailedPutFailsEveryRecordWithTheStoresFailure() {
    DeliveryFailure denied = new DeliveryFailure(true, "S3.AccessDenied", "Access Denied");
    store.failure = denied;
    List<DeliveryRecord> records = List.of(record("1", "a", Map.of()), record("2", "b", Map.of()));
    AttemptResult r = join(delivery.attempt(batch(json("{\"BucketARN\":\"arn:aws:s3:::b\"}"), records), 3));

    assertEquals(records, r.failed());
    assertSame(denied, r.failure());
  }

  @Test
  void anUnexpectedErrorIsARetryableFailure() {
    store.failure = new IllegalStateException("boom");
    AttemptResult r = join(delivery.attempt(batch(json("{\"BucketARN\":\"arn:aws:s3:::b\"}"),
        List.of(record("1", "a", Map.of()))), 1));
    assertTrue(r.failure().retryable());
    assertEquals("S3.ServiceUnavailable", r.failure().errorCode());
  }

  @Test
  void aRecordWithoutThePrefixsPartitionKeyEndsTheRetries() {
    ObjectNode c = json("{\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"!{partitionKeyFromQuery:k}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}\",\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}");
    AttemptResult r = join(delivery.attempt(batch(c, List.of(record("1", "a", Map.of()))), 1));
    assertFalse(r.failure().retryable());
    assertEquals("DynamicPartitioning.MetadataExtractionFailed", r.failure().errorCode());
    assertTrue(store.objects.isEmpty());
  }

  @Test
  void aPrefixLongerThanAwsAllowsEndsTheRetries() {
    ObjectNode c = json("{\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"" + "p".repeat(600) + "/\"}");
    AttemptResult r = join(delivery.attempt(batch(c, List.of(record("1", "a", Map.of()))), 1));
    assertFalse(r.failure().retryable());
    assertTrue(store.objects.isEmpty());
  }

  @Test
  void s3IsRetriedForTwentyFourHoursOrThePartitioningRetryDuration() {
    assertEquals(86_400_000L, delivery.retryDurationMillis(batch(json("{}"), List.of()).destination()));
    assertEquals(300_000L, delivery.retryDurationMillis(
        batch(json("{\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}"), List.of()).destination()));
    assertEquals(42_000L, delivery.retryDurationMillis(batch(json(
        "{\"DynamicPartitioningConfiguration\":{\"Enabled\":true,\"RetryOptions\":{\"DurationInSeconds\":42}}}"),
        List.of()).destination()));
  }

  @Test
  void givingUpWritesNothing() {
    DeliveryBatch b = batch(json("{\"BucketARN\":\"arn:aws:s3:::b\"}"), List.of(record("1", "a", Map.of())));
    delivery.giveUp(b, b.records(), new DeliveryFailure(true, "S3.NoSuchBucket", "gone"), 9).toCompletableFuture().join();
    assertTrue(store.objects.isEmpty());
    assertEquals(java.util.Set.of("ExtendedS3", "S3"), delivery.kinds());
  }
}

package io.sluice.it.firehose;

import io.sluice.testing.TestSluice;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;

/**
 * What end-to-end Firehose tests share: the SDK client a user points at a node, creating a delivery
 * stream and waiting until it is ACTIVE, and bounded waits for what a flush writes.
 */
final class Deliveries {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  /** Fast flushes for tests on the wall clock: sweeps every 50 ms, retries from 100 ms up to 400 ms. */
  static final Map<String, String> FAST_FLUSHES = Map.of("SLUICE_FIREHOSE_FLUSH_SWEEP_MS", "50",
      "SLUICE_FIREHOSE_FLUSH_RETRY_BASE_MS", "100", "SLUICE_FIREHOSE_FLUSH_RETRY_MAX_MS", "400",
      "SLUICE_FIREHOSE_CREATE_DELAY_MS", "50", "SLUICE_FIREHOSE_DELETE_DELAY_MS", "50");

  private Deliveries() {}

  /** A Firehose client on {@code node}, without retries (a retried put could deliver twice). */
  static FirehoseClient firehose(TestSluice node) {
    return FirehoseClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
  }

  /** Creates the stream and waits (at most 10 s) until it is ACTIVE. */
  static void createActive(FirehoseClient firehose, CreateDeliveryStreamRequest request) {
    firehose.createDeliveryStream(request);
    waitFor(Duration.ofSeconds(10), "ACTIVE " + request.deliveryStreamName(),
        () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(request.deliveryStreamName()))
            .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
  }

  /** Polls {@code read} every 50 ms until {@code done} holds of it (at most {@code within}); its last value. */
  static <T> T awaitValue(Duration within, String what, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within + " waiting for " + what + "; last seen: " + value);
      }
      sleep(50);
    }
  }

  static void waitFor(Duration within, String what, Supplier<Boolean> condition) {
    awaitValue(within, what, condition, Boolean::booleanValue);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The bytes of {@code objects} one after the other. */
  static byte[] concat(Collection<byte[]> objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** How many bytes {@code objects} hold together. */
  static long size(Map<String, byte[]> objects) {
    return objects.values().stream().mapToLong(b -> b.length).sum();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

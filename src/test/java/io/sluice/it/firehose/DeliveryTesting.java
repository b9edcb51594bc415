package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * What the end-to-end delivery tests share: a node's environment for quick flushes with real time
 * (streams ACTIVE at once, a 50 ms sweep, retries after 100 ms) writing to an S3Proxy, an SDK
 * {@code FirehoseClient}, creating a stream and waiting for ACTIVE, putting a batch, and waiting for
 * a condition.
 */
final class DeliveryTesting {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  static final Duration WAIT = Duration.ofSeconds(30);
  /** The default prefix's hour folders, {@code yyyy/MM/dd/HH/}, as a pattern. */
  static final String HOUR = "\\d{4}/\\d{2}/\\d{2}/\\d{2}/";
  /** What follows the stream's name in an object's name: {@code -<version 1>-<yyyy-MM-dd-HH-mm-ss>-<uuid>}. */
  static final String NAME_TAIL = "-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeliveryTesting() {}

  /** A node's environment: {@code s3}'s endpoint, short sweeps and retries, streams active at once, plus {@code extra}. */
  static Map<String, String> environment(S3ProxyServer s3, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(s3.environment());
    env.putAll(environment(extra));
    return env;
  }

  /** The same without an S3 endpoint: Sluice keeps what it delivers in its own object store. */
  static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("SLUICE_FIREHOSE_CREATE_DELAY_MS", "0");
    env.put("SLUICE_FIREHOSE_FLUSH_SWEEP_MS", "50");
    env.put("SLUICE_FIREHOSE_FLUSH_RETRY_BASE_MS", "100");
    env.put("SLUICE_FIREHOSE_FLUSH_RETRY_MAX_MS", "400");
    env.put("SLUICE_FIREHOSE_HTTP_TIMEOUT_MS", "10000");
    env.putAll(extra);
    return env;
  }

  /** A node on each engine with {@code env}. */
  static Map<Engine, TestSluice> startNodes(Map<String, String> env) {
    Map<Engine, TestSluice> nodes = new EnumMap<>(Engine.class);
    for (Engine e : Engine.values()) {
      nodes.put(e, TestSluice.start(e, InstantSource.system(), env));
    }
    return nodes;
  }

  /** An SDK client of the node at {@code endpoint}, without retries. */
  static FirehoseClient client(URI endpoint) {
    return FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  /** Creates a delivery stream and waits until it is ACTIVE; its ARN. */
  static String createActive(FirehoseClient firehose, Consumer<CreateDeliveryStreamRequest.Builder> request) {
    CreateDeliveryStreamRequest.Builder built = CreateDeliveryStreamRequest.builder();
    request.accept(built);
    return createActive(firehose, built.build());
  }

  /** Creates the delivery stream {@code request} asks for and waits until it is ACTIVE; its ARN. */
  static String createActive(FirehoseClient firehose, CreateDeliveryStreamRequest request) {
    String arn = firehose.createDeliveryStream(request).deliveryStreamARN();
    String name = arn.substring(arn.indexOf('/') + 1);
    until("stream " + name + " ACTIVE", WAIT, () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
        .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    return arn;
  }

  /** PutRecordBatch of {@code data} (UTF-8), which must be taken whole; the RecordIds. */
  static List<String> putBatch(FirehoseClient firehose, String stream, List<String> data) {
    PutRecordBatchResponse put = firehose.putRecordBatch(r -> r.deliveryStreamName(stream).records(data.stream()
        .map(d -> Record.builder().data(SdkBytes.fromString(d, StandardCharsets.UTF_8)).build()).toList()));
    assertEquals(0, put.failedPutCount(), put.toString());
    return put.requestResponses().stream().map(PutRecordBatchResponseEntry::recordId).toList();
  }

  /** Waits until {@code condition} holds, polling every 20 ms; fails naming {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** The objects of {@code bucket} whose keys match {@code keyPattern}, as text by key, waiting until there is one. */
  static Map<String, String> objects(S3ProxyServer s3, String bucket, String keyPattern) {
    Map<String, String> found = new java.util.TreeMap<>();
    until("an object " + keyPattern + " in " + bucket, WAIT, () -> {
      found.clear();
      s3.objects(bucket).forEach((key, body) -> {
        if (key.matches(keyPattern)) {
          found.put(key, new String(body, StandardCharsets.UTF_8));
        }
      });
      return !found.isEmpty();
    });
    return found;
  }

  /** The JSON documents of an error-output object, one a line. */
  static List<JsonNode> lines(String object) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : object.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** The member names of {@code node}, in order. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A bucket name no other test uses (lower case, as S3 wants). */
  static String bucket(String base) {
    return TestSluice.uniqueName(base).toLowerCase();
  }

  /** Reads {@code read} every 50 ms until {@code done} holds of it (at most {@code within}); its last value. */
  static <T> T awaitValue(Duration within, String what, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what + "; last seen: " + value);
      }
      sleep(50);
    }
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

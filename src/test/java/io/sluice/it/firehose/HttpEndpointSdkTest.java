package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.HOUR;
import static io.sluice.it.firehose.DeliveryTesting.NAME_TAIL;
import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.fieldNames;
import static io.sluice.it.firehose.DeliveryTesting.WAIT;
import static io.sluice.it.firehose.DeliveryTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;

/**
 * Put → flush → HTTP endpoint through the AWS SDK v2 {@code FirehoseClient} and the AWS CLI, on each
 * engine, with real time: the endpoint is an HTTPS receiver with a self-signed certificate
 * ({@code SLUICE_FIREHOSE_HTTP_TRUSTED_CERTIFICATES}) that checks every request against AWS's HTTP
 * endpoint delivery specification; failed and backed-up records land in an S3Proxy.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class HttpEndpointSdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  static Map<Engine, TestSluice> NODES;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  HttpEndpointReceiver receiver;
  String bucket;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
    Map<String, String> env = DeliveryTesting.environment(S3,
        Map.of("SLUICE_FIREHOSE_HTTP_TRUSTED_CERTIFICATES", certificate.certificatePath()));
    NODES = DeliveryTesting.startNodes(env);
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    certificate.delete();
    RedisEngineFixture.join(vertx.close());
  }

  @BeforeEach
  void receiver() throws Exception {
    firehose = DeliveryTesting.client(NODES.get(engine).endpoint());
    receiver = new HttpEndpointReceiver(vertx, certificate);
    bucket = DeliveryTesting.bucket("http-" + engine);
    S3.createBucket(bucket);
  }

  @AfterEach
  void close() {
    receiver.close();
    firehose.close();
  }

  /** A stream to the receiver with GZIP, an access key and a common attribute, flushed at once; its name. */
  private String stream(Consumer<HttpEndpointDestinationConfiguration.Builder> more) {
    String name = TestSluice.uniqueName("http-" + engine.name().toLowerCase());
    DeliveryTesting.createActive(firehose, r -> r.deliveryStreamName(name)
        .httpEndpointDestinationConfiguration(h -> {
          h.endpointConfiguration(e -> e.url(receiver.url("/ingest?from=firehose")).name("receiver").accessKey("k-123"))
              .requestConfiguration(q -> q.contentEncoding(ContentEncoding.GZIP).commonAttributes(
                  HttpEndpointCommonAttribute.builder().attributeName("env").attributeValue("e2e").build()))
              .bufferingHints(b -> b.intervalInSeconds(0).sizeInMBs(1))
              .roleARN(ROLE)
              .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket));
          more.accept(h);
        }));
    return name;
  }

  private static List<String> texts(HttpEndpointReceiver.Received r) {
    return r.records().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void recordsPutThroughTheSdkReachTheEndpointAsAwsSendsThem() throws Exception {
    String stream = stream(h -> { });

    DeliveryTesting.putBatch(firehose, stream, List.of("{\"n\":1}\n", "plain", ""));

    HttpEndpointReceiver.Received r = receiver.await(1, WAIT).getFirst();
    assertEquals(List.of(), r.violations());
    assertEquals("/ingest", r.path());
    // "Path and URL Parameters … Amazon Data Firehose sends them as configured without modification."
    assertEquals("from=firehose", r.query());
    assertEquals("k-123", r.header("X-Amz-Firehose-Access-Key"));
    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream,
        r.header("X-Amz-Firehose-Source-Arn"));
    assertEquals("e2e", JSON.readTree(r.header("X-Amz-Firehose-Common-Attributes"))
        .path("commonAttributes").path("env").asText());
    assertTrue(r.gzipped());
    assertEquals(List.of("{\"n\":1}\n", "plain", ""), texts(r));
  }

  @Test
  void a500IsRetriedWithTheSameRequestIdAndTheRecordsAreDeliveredOnce() throws Exception {
    String stream = stream(h -> { });
    receiver.answer(new HttpEndpointReceiver.Status(500));

    DeliveryTesting.putBatch(firehose, stream, List.of("a", "b"));

    List<HttpEndpointReceiver.Received> both = receiver.await(2, WAIT);
    Thread.sleep(1_000); // ten sweeps and more than a retry wait: nothing else is sent
    assertEquals(2, receiver.received().size());
    assertEquals(both.get(0).requestId(), both.get(1).requestId());
    assertEquals(List.of("a", "b"), texts(both.get(1)));
    assertEquals(1, receiver.delivered().size());
    assertEquals(List.of(), both.get(1).violations());
  }

  @Test
  void recordsTheEndpointNeverTakesAreWrittenUnderHttpEndpointFailed() throws Exception {
    String stream = stream(h -> h.retryOptions(o -> o.durationInSeconds(1)));
    for (int i = 0; i < 200; i++) {
      receiver.answer(new HttpEndpointReceiver.Status(503));
    }
    long before = System.currentTimeMillis();

    List<String> ids = DeliveryTesting.putBatch(firehose, stream, List.of("sample raw data", "second"));

    Map<String, String> failed = DeliveryTesting.objects(S3, bucket, "http-endpoint-failed/" + HOUR + stream + NAME_TAIL);
    long after = System.currentTimeMillis();
    assertEquals(1, failed.size(), failed.keySet().toString());
    List<JsonNode> lines = DeliveryTesting.lines(failed.values().iterator().next());
    int attempts = receiver.received().size();
    assertTrue(attempts >= 2, "retried within the retry duration: " + attempts);
    assertEquals(1, receiver.received().stream().map(HttpEndpointReceiver.Received::requestId).distinct().count());
    assertEquals(2, lines.size());
    JsonNode first = lines.getFirst();
    // The developer guide's "Handle data delivery failures", HTTP endpoint destination: these members in this order.
    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "rawData", "subsequenceNumber", "dataId"), fieldNames(first));
    assertEquals(attempts, first.path("attemptsMade").asInt());
    assertEquals("HttpEndpoint.DestinationException", first.path("errorCode").asText());
    assertTrue(first.path("errorMessage").asText().contains("scripted 503"), first.toString());
    assertTrue(first.path("arrivalTimestamp").asLong() >= before && first.path("arrivalTimestamp").asLong() <= after);
    long ended = first.path("attemptEndingTimestamp").asLong();
    assertTrue(ended >= first.path("arrivalTimestamp").asLong() && ended <= after, first.toString());
    assertEquals(Base64.getEncoder().encodeToString("sample raw data".getBytes(StandardCharsets.UTF_8)),
        first.path("rawData").asText());
    assertEquals("second", new String(Base64.getDecoder().decode(lines.get(1).path("rawData").asText()),
        StandardCharsets.UTF_8));
    assertEquals(ids.getFirst() + ".0", first.path("dataId").asText());
    assertEquals(0, first.path("subsequenceNumber").asInt());
  }

  @Test
  void allDataBacksUpEveryDeliveredRecordUnderTheDefaultPrefix() throws Exception {
    String stream = stream(h -> h.s3BackupMode(HttpEndpointS3BackupMode.ALL_DATA));

    DeliveryTesting.putBatch(firehose, stream, List.of("one\n", "two\n"));

    receiver.await(1, WAIT);
    Map<String, String> backup = DeliveryTesting.objects(S3, bucket, HOUR + stream + NAME_TAIL);
    assertEquals(List.of("one\ntwo\n"), List.copyOf(backup.values()));
    assertEquals(1, receiver.delivered().size());
  }

  @Test
  void recordsPutWithinTheBufferingIntervalArriveTogetherWhenItEnds() throws Exception {
    String stream = stream(h -> h.bufferingHints(b -> b.intervalInSeconds(1).sizeInMBs(1)));
    long first = System.currentTimeMillis();

    DeliveryTesting.putBatch(firehose, stream, List.of("a"));
    DeliveryTesting.putBatch(firehose, stream, List.of("b", "c"));

    HttpEndpointReceiver.Received r = receiver.await(1, WAIT).getFirst();
    // The interval counts from the first record; one sweep (50 ms) claims the flush once it is due.
    assertTrue(r.timestamp() - first >= 1_000, "sent " + (r.timestamp() - first) + " ms after the first put");
    assertEquals(List.of("a", "b", "c"), texts(r));
    Thread.sleep(500);
    assertEquals(1, receiver.received().size());
  }

  @Test
  void theCliPutsARecordBatchThatTheEndpointReceives() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    String stream = stream(h -> { });

    // The CLI v1 installed here base64-encodes a blob given as text for the wire.
    JsonNode put = AwsCli.run(NODES.get(engine).endpoint(), "firehose", "put-record-batch",
        "--delivery-stream-name", stream, "--records", "[{\"Data\":\"hello\"},{\"Data\":\"world\"}]");

    assertEquals(0, put.path("FailedPutCount").asInt());
    HttpEndpointReceiver.Received r = receiver.await(1, WAIT).getFirst();
    assertEquals(List.of(), r.violations());
    assertEquals(List.of("hello", "world"), texts(r));
    until("delivered", Duration.ofSeconds(5), () -> receiver.delivered().size() == 1);
  }
}

package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.HOUR;
import static io.sluice.it.firehose.DeliveryTesting.NAME_TAIL;
import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.WAIT;
import static io.sluice.it.firehose.DeliveryTesting.fieldNames;
import static io.sluice.it.firehose.DeliveryTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.firehose.model.HECEndpointType;
import software.amazon.awssdk.services.firehose.model.SplunkDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.SplunkS3BackupMode;

/**
 * Put → flush → Splunk through the AWS SDK v2 {@code FirehoseClient}, on each engine, with real time:
 * a HEC with indexer acknowledgement receives the data with the token and acknowledges it (the
 * AllEvents backup then written to an S3Proxy); data a HEC refuses is written under
 * {@code splunk-failed/} in AWS's layout.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SplunkSdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();
  static Map<Engine, TestSluice> NODES;
  static Vertx vertx;

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  HecReceiver hec;
  String bucket;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    NODES = DeliveryTesting.startNodes(DeliveryTesting.environment(S3, Map.of()));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    RedisEngineFixture.join(vertx.close());
  }

  @BeforeEach
  void receiver() throws Exception {
    firehose = DeliveryTesting.client(NODES.get(engine).endpoint());
    hec = new HecReceiver(vertx, "token-1");
    bucket = DeliveryTesting.bucket("splunk-" + engine);
    S3.createBucket(bucket);
  }

  @AfterEach
  void close() {
    hec.close();
    firehose.close();
  }

  /** A stream to the HEC's raw collector, flushed at once; its name. */
  private String stream(String token, Consumer<SplunkDestinationConfiguration.Builder> more) {
    String name = TestSluice.uniqueName("splunk-" + engine.name().toLowerCase());
    DeliveryTesting.createActive(firehose, r -> r.deliveryStreamName(name)
        .splunkDestinationConfiguration(s -> {
          s.hecEndpoint(hec.url()).hecEndpointType(HECEndpointType.RAW).hecToken(token)
              .bufferingHints(b -> b.intervalInSeconds(0).sizeInMBs(1))
              .s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket));
          more.accept(s);
        }));
    return name;
  }

  @Test
  void rawDataReachesTheCollectorWithTheTokenAndIsBackedUpOnceAcknowledged() {
    String stream = stream("token-1", s -> s.s3BackupMode(SplunkS3BackupMode.ALL_EVENTS));

    DeliveryTesting.putBatch(firehose, stream, List.of("line 1\n", "line 2\n"));

    Map<String, String> backup = DeliveryTesting.objects(S3, bucket, HOUR + stream + NAME_TAIL);
    assertEquals(List.of("line 1\nline 2\n"), List.copyOf(backup.values()));
    HecReceiver.Event event = hec.events().getFirst();
    assertEquals("/services/collector/raw", event.path());
    assertEquals("Splunk token-1", event.headers().get("Authorization"));
    assertEquals("line 1\nline 2\n", new String(event.body(), StandardCharsets.UTF_8));
    assertTrue(hec.ackRequests() >= 1, "acknowledgement polled");
    assertEquals(1, hec.events().size());
  }

  @Test
  void dataTheCollectorRefusesIsWrittenUnderSplunkFailed() throws Exception {
    String stream = stream("not-the-token", s -> s.retryOptions(o -> o.durationInSeconds(1)));
    long before = System.currentTimeMillis();

    List<String> ids = DeliveryTesting.putBatch(firehose, stream, List.of("refused\n"));

    Map<String, String> failed = DeliveryTesting.objects(S3, bucket, "splunk-failed/" + HOUR + stream + NAME_TAIL);
    assertEquals(1, failed.size(), failed.keySet().toString());
    List<JsonNode> lines = DeliveryTesting.lines(failed.values().iterator().next());
    assertEquals(1, lines.size());
    JsonNode line = lines.getFirst();
    // The developer guide's "Handle data delivery failures", Splunk: these members in this order.
    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "rawData", "EventId"), fieldNames(line));
    assertEquals("Splunk.InvalidToken", line.path("errorCode").asText());
    assertTrue(line.path("attemptsMade").asInt() >= 1, line.toString());
    assertTrue(line.path("arrivalTimestamp").asLong() >= before, line.toString());
    assertEquals(Base64.getEncoder().encodeToString("refused\n".getBytes(StandardCharsets.UTF_8)),
        line.path("rawData").asText());
    assertEquals(ids.getFirst() + ".0", line.path("EventId").asText());
    until("nothing indexed", WAIT, () -> hec.events().isEmpty());
  }
}

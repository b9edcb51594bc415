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
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceIndexRotationPeriod;

/**
 * Put → flush → Amazon OpenSearch Service through the AWS SDK v2 {@code FirehoseClient}, on each
 * engine, with real time: the destination's {@code DomainARN} reaches a {@code _bulk} receiver through
 * {@code SLUICE_FIREHOSE_OPENSEARCH_ENDPOINTS}; documents arrive with their RecordIds as {@code _id},
 * and documents the cluster keeps refusing are written under {@code AmazonOpenSearchService-failed/}
 * in an S3Proxy in AWS's layout.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SearchSdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String DOMAIN = "arn:aws:es:us-east-1:000000000000:domain/logs";
  static Map<Engine, TestSluice> NODES;
  static Vertx vertx;
  static BulkReceiver bulk;

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    bulk = new BulkReceiver(vertx);
    NODES = DeliveryTesting.startNodes(DeliveryTesting.environment(S3,
        Map.of("SLUICE_FIREHOSE_OPENSEARCH_ENDPOINTS", DOMAIN + "=" + bulk.url())));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    bulk.close();
    RedisEngineFixture.join(vertx.close());
  }

  @BeforeEach
  void client() {
    firehose = DeliveryTesting.client(NODES.get(engine).endpoint());
    bucket = DeliveryTesting.bucket("search-" + engine);
    S3.createBucket(bucket);
  }

  @AfterEach
  void close() {
    firehose.close();
  }

  /** A stream to the domain's index {@code index} (no rotation), flushed at once; its name. */
  private String stream(String index, Consumer<AmazonopensearchserviceDestinationConfiguration.Builder> more) {
    String name = TestSluice.uniqueName("search-" + engine.name().toLowerCase());
    DeliveryTesting.createActive(firehose, r -> r.deliveryStreamName(name)
        .amazonopensearchserviceDestinationConfiguration(o -> {
          o.roleARN(ROLE).domainARN(DOMAIN).indexName(index)
              .indexRotationPeriod(AmazonopensearchserviceIndexRotationPeriod.NO_ROTATION)
              .bufferingHints(b -> b.intervalInSeconds(0).sizeInMBs(1))
              .s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket));
          more.accept(o);
        }));
    return name;
  }

  private static String index(String base) {
    return TestSluice.uniqueName(base).toLowerCase();
  }

  @Test
  void documentsReachTheBulkApiWithTheirRecordIds() {
    String index = index("web");
    String stream = stream(index, o -> { });

    List<String> ids = DeliveryTesting.putBatch(firehose, stream, List.of("{\"n\":1}", "{\"n\":2}\n"));

    until("a _bulk request to " + index, WAIT, () -> bulk.bodies().stream().anyMatch(b -> b.contains(index)));
    List<String> mine = bulk.bodies().stream().filter(b -> b.contains("\"" + index + "\"")).toList();
    assertEquals(List.of("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + ids.get(0) + "\"}}\n{\"n\":1}\n"
        + "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + ids.get(1) + "\"}}\n{\"n\":2}\n"), mine);
  }

  @Test
  void documentsTheClusterKeepsRefusingAreWrittenUnderAmazonOpenSearchServiceFailed() throws Exception {
    String index = index(BulkReceiver.REFUSED);
    String stream = stream(index, o -> o.retryOptions(r -> r.durationInSeconds(1)));

    List<String> ids = DeliveryTesting.putBatch(firehose, stream, List.of("{\"n\":3}"));

    Map<String, String> failed = DeliveryTesting.objects(S3, bucket,
        "AmazonOpenSearchService-failed/" + HOUR + stream + NAME_TAIL);
    assertEquals(1, failed.size(), failed.keySet().toString());
    List<JsonNode> lines = DeliveryTesting.lines(failed.values().iterator().next());
    assertEquals(1, lines.size());
    JsonNode line = lines.getFirst();
    // The developer guide's "Handle data delivery failures", OpenSearch Service: these members in this order.
    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "esDocumentId", "esIndexName", "rawData"), fieldNames(line));
    assertEquals("429", line.path("errorCode").asText());
    assertTrue(line.path("errorMessage").asText().contains("es_rejected_execution_exception"), line.toString());
    assertTrue(line.path("attemptsMade").asInt() >= 2, line.toString());
    assertEquals(ids.getFirst(), line.path("esDocumentId").asText());
    assertEquals(index, line.path("esIndexName").asText());
    assertEquals(Base64.getEncoder().encodeToString("{\"n\":3}".getBytes(StandardCharsets.UTF_8)),
        line.path("rawData").asText());
  }
}

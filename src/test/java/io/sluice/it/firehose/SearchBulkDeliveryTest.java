package io.sluice.it.firehose;

import static io.sluice.firehose.destination.Batches.batch;
import static io.sluice.firehose.destination.Batches.destination;
import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.destination.MemoryS3;
import io.sluice.firehose.destination.SearchDelivery;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SearchDelivery} against a {@code _bulk} receiver started in the test: the NDJSON action and
 * document lines, index names, documents the cluster refused retried alone, the error output after
 * the last attempt, domain ARNs reached through the configured URL, and the backup of all documents.
 */
class SearchBulkDeliveryTest {
  private static final long FEB_25_13H = 1456405200000L; // 2016-02-25T13:00:00Z
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(FEB_25_13H + 60_000));
  private static Vertx vertx;
  private static HttpServer server;
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  /** Answers a _bulk body: status and body. */
  private static volatile Function<List<JsonNode>, Object[]> answer;

  private MemoryS3 s3;
  private SearchDelivery delivery;

  @BeforeAll
  static void startReceiver() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (!req.path().equals("/_bulk") || !"application/x-ndjson".equals(req.getHeader("Content-Type"))) {
        req.response().setStatusCode(404).end();
        return;
      }
      requests.add(body.toString(StandardCharsets.UTF_8));
      Object[] reply = answer.apply(lines(body.toString(StandardCharsets.UTF_8)));
      req.response().setStatusCode((Integer) reply[0]).putHeader("Content-Type", "application/json")
          .end((String) reply[1]);
    })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopReceiver() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fresh() {
    requests.clear();
    answer = lines -> ok(lines.size() / 2, List.of());
    s3 = new MemoryS3();
    delivery = SearchDelivery.create(vertx, s3,
        Map.of("arn:aws:es:us-east-1:000000000000:domain/logs", url()), CLOCK);
  }

  private static String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private static Destination opensearch(String extra) {
    return destination("Amazonopensearchservice", "{\"ClusterEndpoint\":\"" + url() + "\",\"IndexName\":\"web\","
        + "\"IndexRotationPeriod\":\"OneDay\",\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::backup\"}" + extra + "}");
  }

  @Test
  void aBatchIsOneBulkRequestOfActionAndDocumentLines() throws Exception {
    DeliveryBatch b = batch(opensearch(""), "b1", List.of(record("r1", FEB_25_13H, "{\"n\":1}"),
        record("r2", FEB_25_13H + 86_400_000, "{\"n\":2}\n")));

    AttemptResult result = attempt(b, 1);

    assertTrue(result.allDelivered());
    assertEquals(1, requests.size());
    assertEquals("""
        {"index":{"_index":"web-2016-02-25","_id":"r1"}}
        {"n":1}
        {"index":{"_index":"web-2016-02-26","_id":"r2"}}
        {"n":2}
        """, requests.get(0));
  }

  @Test
  void refusedDocumentsAreRetriedAloneWithTheirIds() throws Exception {
    DeliveryBatch b = batch(opensearch(""), "b2", List.of(record("r1", FEB_25_13H, "{\"n\":1}"),
        record("r2", FEB_25_13H, "{\"n\":2}"), record("r3", FEB_25_13H, "{\"n\":3}")));
    answer = lines -> ok(lines.size() / 2, List.of(1));

    AttemptResult first = attempt(b, 1);
    answer = lines -> ok(lines.size() / 2, List.of());
    AttemptResult second = attempt(b.with(first.failed()), 2);

    assertEquals(List.of("r2"), first.failed().stream().map(r -> r.recordId()).toList());
    assertEquals("429", first.failure().errorCode());
    assertTrue(second.allDelivered());
    assertEquals("{\"index\":{\"_index\":\"web-2016-02-25\",\"_id\":\"r2\"}}\n{\"n\":2}\n", requests.get(1));
  }

  @Test
  void documentsStillRefusedAfterTheLastAttemptGoToTheErrorPrefix() throws Exception {
    DeliveryBatch b = batch(opensearch(""), "b3", List.of(record("r1", FEB_25_13H, "{\"n\":1}"),
        record("r2", FEB_25_13H, "not json")));
    answer = lines -> ok(lines.size() / 2, List.of(1));

    AttemptResult result = attempt(b, 1);
    delivery.giveUp(b, result.failed(), result.failure(), 1).toCompletableFuture().get(10, TimeUnit.SECONDS);

    Map<String, String> errors = s3.under("backup/AmazonOpenSearchService-failed/");
    assertEquals(1, errors.size());
    JsonNode line = JsonCodec.json().readTree(errors.values().iterator().next());
    assertEquals("429", line.get("errorCode").asText());
    assertEquals("r2", line.get("esDocumentId").asText());
    assertEquals("web-2016-02-25", line.get("esIndexName").asText());
    assertEquals("not json", new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8));
    assertEquals(FEB_25_13H + 60_000, line.get("attemptEndingTimestamp").asLong());
    assertTrue(s3.under("backup/obj-").isEmpty(), "FailedDocumentsOnly backs up nothing else");
  }

  @Test
  void anUnreachableClusterFailsEveryDocumentRetryably() throws Exception {
    Destination down = destination("Elasticsearch", "{\"ClusterEndpoint\":\"http://127.0.0.1:1\",\"IndexName\":\"web\"}");

    AttemptResult result = attempt(batch(down, "b4", List.of(record("r1", FEB_25_13H, "{}"))), 1);

    assertEquals(1, result.failed().size());
    assertTrue(result.failure().retryable());
  }

  @Test
  void aDomainArnIsReachedThroughTheConfiguredUrlAndAnUnknownOneIsNot() throws Exception {
    Destination known = destination("Elasticsearch", "{\"DomainARN\":\"arn:aws:es:us-east-1:000000000000:domain/logs\","
        + "\"IndexName\":\"web\",\"TypeName\":\"event\",\"IndexRotationPeriod\":\"NoRotation\"}");
    Destination unknown = destination("Elasticsearch", "{\"DomainARN\":\"arn:aws:es:us-east-1:000000000000:domain/x\","
        + "\"IndexName\":\"web\"}");

    assertTrue(attempt(batch(known, "b5", List.of(record("r1", FEB_25_13H, "{}"))), 1).allDelivered());
    AttemptResult refused = attempt(batch(unknown, "b6", List.of(record("r1", FEB_25_13H, "{}"))), 1);

    assertEquals("{\"index\":{\"_index\":\"web\",\"_type\":\"event\",\"_id\":\"r1\"}}\n{}\n", requests.get(0));
    assertFalse(refused.failure().retryable());
    assertTrue(refused.failure().getMessage().contains("opensearch-endpoints"));
  }

  @Test
  void allDocumentsBacksUpEveryRecordOnceDelivered() throws Exception {
    DeliveryBatch b = batch(opensearch(",\"S3BackupMode\":\"AllDocuments\""), "b7",
        List.of(record("r1", FEB_25_13H, "{\"n\":1}\n"), record("r2", FEB_25_13H, "{\"n\":2}\n")));

    assertTrue(attempt(b, 1).allDelivered());
    delivery.delivered(b).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(List.of("{\"n\":1}\n{\"n\":2}\n"), new ArrayList<>(s3.under("backup/obj-").values()));
  }

  private AttemptResult attempt(DeliveryBatch b, int n) throws Exception {
    return delivery.attempt(b, n).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<JsonNode> lines(String ndjson) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      try {
        out.add(JsonCodec.json().readTree(line));
      } catch (Exception e) {
        out.add(JsonCodec.json().getNodeFactory().textNode(line));
      }
    }
    return out;
  }

  /** A 200 answer for {@code documents}, those at {@code rejected} refused with 429 as a busy cluster does. */
  private static Object[] ok(int documents, List<Integer> rejected) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < documents; i++) {
      items.append(i == 0 ? "" : ",").append(rejected.contains(i)
          ? "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}"
          : "{\"index\":{\"status\":201}}");
    }
    return new Object[] {200, "{\"took\":1,\"errors\":" + !rejected.isEmpty() + ",\"items\":[" + items + "]}"};
  }
}

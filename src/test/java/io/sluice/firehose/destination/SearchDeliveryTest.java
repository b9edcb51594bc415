package io.sluice.firehose.destination;

import static io.sluice.firehose.destination.Batches.destination;
import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchDeliveryTest {
  private static final Destination OPENSEARCH = destination("Amazonopensearchservice",
      "{\"IndexName\":\"logs\",\"IndexRotationPeriod\":\"NoRotation\"}");

  private static BulkRequest twoDocuments() {
    return SearchDelivery.request(OPENSEARCH, List.of(record("r1", 1, "{\"a\":1}"), record("r2", 2, "{\"a\":\"x\"}")));
  }

  @Test
  void onlyTheDocumentsTheClusterRefusedFail() {
    String answer = """
        {"took":3,"errors":true,"items":[
         {"index":{"_index":"logs","_id":"r1","status":201}},
         {"index":{"_index":"logs","_id":"r2","status":400,"error":{"type":"mapper_parsing_exception","reason":"bad"}}}]}""";

    AttemptResult result = SearchDelivery.result(twoDocuments(), 200, answer.getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("r2"), result.failed().stream().map(r -> r.recordId()).toList());
    assertEquals("400", result.failure().errorCode());
    assertTrue(result.failure().retryable());
  }

  @Test
  void aBulkAnsweredWithoutErrorsIsDelivered() {
    String answer = "{\"errors\":false,\"items\":[{\"index\":{\"status\":201}},{\"index\":{\"status\":200}}]}";

    assertTrue(SearchDelivery.result(twoDocuments(), 200, answer.getBytes(StandardCharsets.UTF_8)).allDelivered());
  }

  @Test
  void anErrorStatusOrAnUnreadableAnswerFailsEveryDocument() {
    AttemptResult status = SearchDelivery.result(twoDocuments(), 503, "busy".getBytes(StandardCharsets.UTF_8));
    AttemptResult unreadable = SearchDelivery.result(twoDocuments(), 200, "{}".getBytes(StandardCharsets.UTF_8));

    assertEquals(2, status.failed().size());
    assertEquals("503", status.failure().errorCode());
    assertEquals(2, unreadable.failed().size());
  }

  @Test
  void theErrorLineHasAwsLayoutWithTheDocumentsOwnError() throws Exception {
    String answer = "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},"
        + "{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\"}}}]}";
    DeliveryFailure cause = SearchDelivery.result(twoDocuments(), 200, answer.getBytes(StandardCharsets.UTF_8)).failure();

    JsonNode line = JsonCodec.json().readTree(SearchDelivery.errorLine(twoDocuments().documents().get(1), cause, 3, 99));

    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "esDocumentId", "esIndexName", "rawData"), iterable(line));
    assertEquals(3, line.get("attemptsMade").asInt());
    assertEquals(2, line.get("arrivalTimestamp").asLong());
    assertEquals("400", line.get("errorCode").asText());
    assertEquals("{\"type\":\"mapper_parsing_exception\"}", line.get("errorMessage").asText());
    assertEquals(99, line.get("attemptEndingTimestamp").asLong());
    assertEquals("r2", line.get("esDocumentId").asText());
    assertEquals("logs", line.get("esIndexName").asText());
    assertEquals("{\"a\":\"x\"}", new String(java.util.Base64.getDecoder().decode(line.get("rawData").asText()),
        StandardCharsets.UTF_8));
    assertFalse(line.has("esTypeName"));
  }

  @Test
  void failedDocumentsGoUnderTheKindsErrorOutputType() {
    assertEquals("elasticsearch-failed", SearchDelivery.errorOutputType("Elasticsearch"));
    assertEquals("AmazonOpenSearchService-failed", SearchDelivery.errorOutputType("Amazonopensearchservice"));
    assertEquals("AmazonOpenSearchService-failed", SearchDelivery.errorOutputType("AmazonOpenSearchServerless"));
  }

  @Test
  void retriesLastFiveMinutesUnlessConfigured() {
    SearchDelivery delivery = new SearchDelivery((EndpointClient) null, new MemoryS3(), java.util.Map.of(), () -> java.time.Instant.EPOCH);

    assertEquals(300_000, delivery.retryDurationMillis(OPENSEARCH));
    assertEquals(0, delivery.retryDurationMillis(destination("Elasticsearch",
        "{\"IndexName\":\"i\",\"RetryOptions\":{\"DurationInSeconds\":0}}")));
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

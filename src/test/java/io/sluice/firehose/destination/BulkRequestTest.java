package io.sluice.firehose.destination;

import static io.sluice.firehose.destination.Batches.destination;
import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkRequestTest {
  private static final long FEB_25_13H = 1456405200000L;

  @Test
  void eachRecordIsAnIndexActionAndItsDocumentOnTwoLines() {
    BulkRequest bulk = SearchDelivery.request(destination("Amazonopensearchservice",
        "{\"IndexName\":\"logs\",\"IndexRotationPeriod\":\"OneHour\"}"),
        List.of(record("r1", FEB_25_13H, "{\"a\":1}\n"), record("r2", FEB_25_13H + 3_600_000, "{\"b\":2}")));

    assertEquals("""
        {"index":{"_index":"logs-2016-02-25-13","_id":"r1"}}
        {"a":1}
        {"index":{"_index":"logs-2016-02-25-14","_id":"r2"}}
        {"b":2}
        """, new String(bulk.body(), StandardCharsets.UTF_8));
  }

  @Test
  void elasticsearchDefaultsToDailyIndicesAndSendsItsType() {
    BulkRequest bulk = SearchDelivery.request(destination("Elasticsearch",
        "{\"IndexName\":\"logs\",\"TypeName\":\"event\"}"), List.of(record("r1", FEB_25_13H, "{}")));

    assertEquals("{\"index\":{\"_index\":\"logs-2016-02-25\",\"_type\":\"event\",\"_id\":\"r1\"}}\n{}\n",
        new String(bulk.body(), StandardCharsets.UTF_8));
  }

  @Test
  void noDocumentIdLeavesTheIdToTheCluster() {
    BulkRequest bulk = SearchDelivery.request(destination("Amazonopensearchservice",
        "{\"IndexName\":\"logs\",\"IndexRotationPeriod\":\"NoRotation\","
            + "\"DocumentIdOptions\":{\"DefaultDocumentIdFormat\":\"NO_DOCUMENT_ID\"}}"),
        List.of(record("r1", FEB_25_13H, "{}")));

    assertEquals("{\"index\":{\"_index\":\"logs\"}}\n{}\n", new String(bulk.body(), StandardCharsets.UTF_8));
    assertNull(bulk.documents().get(0).id());
  }

  @Test
  void serverlessCollectionsHaveNoRotationTypeOrGivenId() {
    BulkRequest bulk = SearchDelivery.request(destination("AmazonOpenSearchServerless",
        "{\"IndexName\":\"logs\"}"), List.of(record("r1", FEB_25_13H, "{}")));

    assertEquals("{\"index\":{\"_index\":\"logs\"}}\n{}\n", new String(bulk.body(), StandardCharsets.UTF_8));
  }
}

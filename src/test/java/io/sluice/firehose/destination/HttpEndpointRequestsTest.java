package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class HttpEndpointRequestsTest {
  static final String CONFIG = """
      {"EndpointConfiguration":{"Url":"https://example.com/in","AccessKey":"secret-key"},
       "RequestConfiguration":{"ContentEncoding":"GZIP","CommonAttributes":[
         {"AttributeName":"env","AttributeValue":"pre-prod"},{"AttributeName":"device-types","AttributeValue":""}]},
       "S3Configuration":{"RoleARN":"arn:aws:iam::123456789012:role/r","BucketARN":"arn:aws:s3:::b"}}""";

  @Test
  void bodyHasRequestIdTimestampAndBase64RecordsInOrder() throws IOException {
    byte[] body = HttpEndpointRequests.body("id-1", 1578090901599L, TestBatches.records("hello", "hello world", ""),
        false);

    assertEquals("{\"requestId\":\"id-1\",\"timestamp\":1578090901599,\"records\":[{\"data\":\"aGVsbG8=\"},"
        + "{\"data\":\"aGVsbG8gd29ybGQ=\"},{\"data\":\"\"}]}", new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void gzippedBodyIsTheSameDocumentCompressed() throws IOException {
    List<DeliveryRecord> records = TestBatches.records("a", "b\n");
    byte[] plain = HttpEndpointRequests.body("id", 5, records, false);

    byte[] zipped = HttpEndpointRequests.body("id", 5, records, true);

    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      assertEquals(new String(plain, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void headersCarryProtocolIdArnKeyAttributesAndEncoding() throws IOException {
    DeliveryBatch batch = TestBatches.batch("HttpEndpoint", CONFIG, "b1", TestBatches.records("x"));

    Map<String, String> headers = HttpEndpointRequests.headers(batch, "rid");

    assertEquals("1.0", headers.get("X-Amz-Firehose-Protocol-Version"));
    assertEquals("rid", headers.get("X-Amz-Firehose-Request-Id"));
    assertEquals("arn:aws:firehose:us-east-1:123456789012:deliverystream/logs", headers.get("X-Amz-Firehose-Source-Arn"));
    assertEquals("secret-key", headers.get("X-Amz-Firehose-Access-Key"));
    JsonNode attributes = JsonCodec.json().readTree(headers.get("X-Amz-Firehose-Common-Attributes"));
    assertEquals(TestBatches.config("{\"commonAttributes\":{\"env\":\"pre-prod\",\"device-types\":\"\"}}"), attributes);
    assertEquals("application/json", headers.get("Content-Type"));
    assertEquals("gzip", headers.get("Content-Encoding"));
  }

  @Test
  void withoutKeyAttributesOrGzipThoseHeadersAreAbsentOrEmpty() {
    DeliveryBatch batch = TestBatches.batch("HttpEndpoint",
        "{\"EndpointConfiguration\":{\"Url\":\"https://example.com\"}}", "b1", TestBatches.records("x"));

    Map<String, String> headers = HttpEndpointRequests.headers(batch, "rid");

    assertFalse(headers.containsKey("X-Amz-Firehose-Access-Key"));
    assertFalse(headers.containsKey("Content-Encoding"));
    assertEquals("{\"commonAttributes\":{}}", headers.get("X-Amz-Firehose-Common-Attributes"));
  }

  @Test
  void aBatchOverTenThousandRecordsIsSentAsSeveralRequestsWithStableIds() {
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      records.add(DeliveryRecord.of(String.format("%06d", i), 1, new byte[] {1}));
    }
    DeliveryBatch batch = TestBatches.batch("HttpEndpoint", CONFIG, "b1", records);

    List<HttpEndpointRequests.Request> requests = HttpEndpointRequests.requests(batch);

    assertEquals(List.of(10_000, 10_000, 5_000), requests.stream().map(r -> r.records().size()).toList());
    assertEquals(3, requests.stream().map(HttpEndpointRequests.Request::requestId).distinct().count());
    // A retry of the last two requests' records sends them under the same ids.
    List<HttpEndpointRequests.Request> retried = HttpEndpointRequests.requests(batch.with(records.subList(10_000, 25_000)));
    assertEquals(requests.subList(1, 3).stream().map(HttpEndpointRequests.Request::requestId).toList(),
        retried.stream().map(HttpEndpointRequests.Request::requestId).toList());
  }

  @Test
  void aRequestCarriesAtMost64MiBOfData() {
    byte[] mib = new byte[1 << 20];
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      records.add(DeliveryRecord.of("r" + i, 1, mib));
    }

    List<HttpEndpointRequests.Request> requests = HttpEndpointRequests.requests(
        TestBatches.batch("HttpEndpoint", CONFIG, "b1", records));

    assertEquals(List.of(64, 6), requests.stream().map(r -> r.records().size()).toList());
  }

  @Test
  void requestIdIsAGuidStableForTheSameBatchAndRecords() {
    List<DeliveryRecord> records = TestBatches.records("a", "b");

    String id = HttpEndpointRequests.requestId("b1", records);

    assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
    assertEquals(id, HttpEndpointRequests.requestId("b1", TestBatches.records("a", "b")));
    assertNotEquals(id, HttpEndpointRequests.requestId("b2", records));
  }

  @Test
  void base64IsStandardWithPadding() throws IOException {
    byte[] data = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0x01};
    byte[] body = HttpEndpointRequests.body("i", 1, List.of(DeliveryRecord.of("r", 1, data)), false);

    String encoded = JsonCodec.json().readTree(body).path("records").path(0).path("data").asText();

    assertEquals(Base64.getEncoder().encodeToString(data), encoded);
  }
}

package io.sluice.firehose.destination;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The requests Firehose sends to an HTTP endpoint, as the developer guide's "HTTP endpoint delivery
 * request and response specifications" lays them out: the headers ({@code X-Amz-Firehose-Protocol-Version},
 * {@code -Request-Id}, {@code -Source-Arn}, {@code -Access-Key}, {@code -Common-Attributes},
 * {@code Content-Type}, {@code Content-Encoding}) and the JSON body ({@code requestId},
 * {@code timestamp}, {@code records[].data} in base64), gzipped when the destination's
 * {@code RequestConfiguration.ContentEncoding} is {@code GZIP}.
 */
public final class HttpEndpointRequests {
  /** The most records one request carries (the body schema's {@code maxItems}). */
  public static final int MAX_RECORDS = 10_000;
  /** The most data one request carries, before base64 and compression (the spec's 64 MiB body). */
  public static final long MAX_BYTES = 64L << 20;

  /** One request of a flush: its id and records. */
  public record Request(String requestId, List<DeliveryRecord> records) {}

  private HttpEndpointRequests() {}

  /**
   * The requests that carry {@code batch}'s records, in order, each within {@link #MAX_RECORDS} and
   * {@link #MAX_BYTES}. A request's id is a GUID derived from the batch's id and the first and last
   * RecordId it carries: the same on every attempt and every node (the spec: "The request ID is kept
   * the same between multiple attempts of the same request"), and another for other records.
   */
  public static List<Request> requests(DeliveryBatch batch) {
    List<Request> requests = new ArrayList<>();
    List<DeliveryRecord> records = batch.records();
    int start = 0;
    while (start < records.size()) {
      int end = start;
      long bytes = 0;
      while (end < records.size() && end - start < MAX_RECORDS
          && (end == start || bytes + records.get(end).data().length <= MAX_BYTES)) {
        bytes += records.get(end).data().length;
        end++;
      }
      List<DeliveryRecord> part = records.subList(start, end);
      requests.add(new Request(requestId(batch.batchId(), part), List.copyOf(part)));
      start = end;
    }
    return requests;
  }

  /** The GUID of the request of {@code batchId} that carries {@code records}. */
  static String requestId(String batchId, List<DeliveryRecord> records) {
    String key = batchId + '\n' + records.getFirst().recordId() + '\n' + records.getLast().recordId();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The headers of request {@code requestId} of {@code batch}, by name, in the order they are sent. */
  public static Map<String, String> headers(DeliveryBatch batch, String requestId) {
    JsonNode config = batch.destination().config();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Firehose-Protocol-Version", "1.0");
    headers.put("X-Amz-Firehose-Request-Id", requestId);
    headers.put("X-Amz-Firehose-Source-Arn", batch.stream().id().arn());
    JsonNode accessKey = config.path("EndpointConfiguration").path("AccessKey");
    if (accessKey.isTextual()) {
      // Copied verbatim, not interpreted (the spec, X-Amz-Firehose-Access-Key).
      headers.put("X-Amz-Firehose-Access-Key", accessKey.asText());
    }
    headers.put("X-Amz-Firehose-Common-Attributes", commonAttributes(config.path("RequestConfiguration")));
    headers.put("Content-Type", "application/json");
    if (gzip(batch)) {
      headers.put("Content-Encoding", "gzip");
    }
    return headers;
  }

  /** Whether the destination asks for a gzipped body ({@code RequestConfiguration.ContentEncoding} GZIP). */
  public static boolean gzip(DeliveryBatch batch) {
    return "GZIP".equals(batch.destination().config().path("RequestConfiguration").path("ContentEncoding").asText());
  }

  /**
   * The {@code X-Amz-Firehose-Common-Attributes} value: {@code {"commonAttributes":{name:value,…}}}
   * from the configuration's {@code CommonAttributes} list, an empty object when there are none.
   */
  static String commonAttributes(JsonNode requestConfiguration) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonNode a : requestConfiguration.path("CommonAttributes")) {
      attributes.put(a.path("AttributeName").asText(), a.path("AttributeValue").asText());
    }
    try {
      return JsonCodec.json().writeValueAsString(Map.of("commonAttributes", attributes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The body of request {@code requestId} generated at {@code timestampMillis}:
   * {@code {"requestId":…,"timestamp":…,"records":[{"data":"<base64>"},…]}}, gzipped if {@code gzip}.
   */
  public static byte[] body(String requestId, long timestampMillis, List<DeliveryRecord> records, boolean gzip) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimate(records));
    try (OutputStream out = gzip ? new GZIPOutputStream(bytes, 64 * 1024) : bytes;
         JsonGenerator json = JsonCodec.json().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("requestId", requestId);
      json.writeNumberField("timestamp", timestampMillis);
      json.writeArrayFieldStart("records");
      for (DeliveryRecord r : records) {
        json.writeStartObject();
        json.writeFieldName("data");
        json.writeBinary(r.data()); // standard base64 with padding, no line feeds
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static int estimate(List<DeliveryRecord> records) {
    long n = 64;
    for (DeliveryRecord r : records) {
      n += 12 + (r.data().length + 2) / 3 * 4L;
    }
    return (int) Math.min(n, Integer.MAX_VALUE - 16);
  }
}

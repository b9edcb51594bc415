package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splunk's HTTP Event Collector as Firehose uses it: the data of a flush concatenated as sent (the
 * developer guide, "Data delivery format": "Firehose concatenates the bytes that you send", so an
 * Event endpoint gets the HEC event JSON the records already are) to
 * {@code <HECEndpoint>/services/collector/raw} or {@code …/event} ({@code HECEndpointType}), with
 * {@code Authorization: Splunk <HECToken>} and the channel in {@code X-Splunk-Request-Channel};
 * then indexer acknowledgement: the answer's {@code ackId} polled at
 * {@code /services/collector/ack} with {@code {"acks":[id]}} until {@code {"acks":{"id":true}}}.
 */
public final class HecProtocol {

  /** What HEC answered a send: the ackId to poll, or why the send failed. */
  public record Sent(Long ackId, DeliveryFailure failure) {}

  /** What HEC answered an ack poll: whether the events are indexed, or why the poll failed. */
  public record Acked(boolean indexed, DeliveryFailure failure) {}

  private HecProtocol() {}

  /** The URL a flush is POSTed to: the endpoint's raw or event collector. */
  public static String eventsUrl(String hecEndpoint, String endpointType) {
    return base(hecEndpoint) + ("Event".equals(endpointType) ? "/services/collector/event" : "/services/collector/raw");
  }

  /** The URL acknowledgements are polled at. */
  public static String ackUrl(String hecEndpoint) {
    return base(hecEndpoint) + "/services/collector/ack";
  }

  private static String base(String endpoint) {
    String e = endpoint.strip();
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    return e;
  }

  /** The headers of every request on {@code channel}: the token (if any) and the channel. */
  public static Map<String, String> headers(String token, String channel, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Splunk " + token);
    }
    headers.put("X-Splunk-Request-Channel", channel);
    headers.put("Content-Type", contentType);
    return headers;
  }

  /** The records' data, concatenated in order with nothing added. */
  public static byte[] body(List<DeliveryRecord> records) {
    int size = 0;
    for (DeliveryRecord r : records) {
      size += r.data().length;
    }
    byte[] body = new byte[size];
    int at = 0;
    for (DeliveryRecord r : records) {
      System.arraycopy(r.data(), 0, body, at, r.data().length);
      at += r.data().length;
    }
    return body;
  }

  /** The body of a poll for {@code ackId}. */
  public static byte[] ackBody(long ackId) {
    return ("{\"acks\":[" + ackId + "]}").getBytes(StandardCharsets.US_ASCII);
  }

  /** Judges HEC's answer to a send: 200 with code 0 and an ackId, else the error it names. */
  public static Sent sent(int status, byte[] body) {
    JsonNode json = json(body);
    Integer code = json != null && json.path("code").isInt() ? json.path("code").asInt() : null;
    if (status != 200 || code == null || code != 0) {
      return new Sent(null, SplunkError.ofHec(code, status).failure(answer(status, body)));
    }
    if (!json.path("ackId").isIntegralNumber()) {
      // Success without an ackId: the token does not acknowledge, which Firehose requires.
      return new Sent(null, SplunkError.DisabledAck.failure(answer(status, body)));
    }
    return new Sent(json.path("ackId").asLong(), null);
  }

  /** Judges HEC's answer to a poll for {@code ackId}: indexed if {@code acks.<ackId>} is true. */
  public static Acked acked(long ackId, int status, byte[] body) {
    JsonNode json = json(body);
    if (status != 200 || json == null || !json.path("acks").isObject()) {
      Integer code = json != null && json.path("code").isInt() ? json.path("code").asInt() : null;
      return new Acked(false, SplunkError.ofHec(code, status).failure(answer(status, body)));
    }
    return new Acked(json.path("acks").path(Long.toString(ackId)).asBoolean(false), null);
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode json = JsonCodec.json().readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String answer(int status, byte[] body) {
    int n = Math.min(body.length, HttpEndpointResponses.QUOTED);
    return "HEC answered " + status + ": " + new String(body, 0, n, StandardCharsets.UTF_8);
  }
}

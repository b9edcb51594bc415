package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Judges an HTTP endpoint's response as the spec's "Response format" and "Troubleshooting HTTP
 * Endpoints" say: only a 200 whose body is a JSON object with the request's {@code requestId} and a
 * numeric {@code timestamp}, with {@code Content-Type: application/json} and no
 * {@code Content-Encoding}, delivers; another status is {@code HttpEndpoint.DestinationException}
 * (413 permanent, every other retryable; 3xx are not followed); a 200 that breaks the format is
 * {@code HttpEndpoint.InvalidResponseFromDestination}.
 */
public final class HttpEndpointResponses {
  /** The largest response body the spec allows. */
  public static final int MAX_RESPONSE_BYTES = 1 << 20;
  /** How much of a response body a failure's message quotes. */
  static final int QUOTED = 4096;
  private static final Set<String> FIELDS = Set.of("requestId", "timestamp", "errorMessage");

  private HttpEndpointResponses() {}

  /** Null if the response delivers request {@code requestId}, else why not. */
  public static DeliveryFailure judge(String requestId, int status, String contentType, String contentEncoding,
                                      byte[] body) {
    String text = quote(body);
    if (status != 200) {
      // "Response code 413 (size exceeded) is considered as a permanent failure" (the spec, Status Code).
      return HttpEndpointError.DestinationException.failure(status == 413, status + ": " + text);
    }
    String problem = problem(requestId, contentType, contentEncoding, body);
    if (problem == null) {
      return null;
    }
    return HttpEndpointError.InvalidResponseFromDestination.failure(false,
        "Response for request " + requestId + " " + problem + ". Raw response received: 200 " + text);
  }

  private static String problem(String requestId, String contentType, String contentEncoding, byte[] body) {
    if (contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.trim())) {
      return "is content-encoded (" + contentEncoding + ")";
    }
    if (contentType == null || !"application/json".equals(mediaType(contentType))) {
      return "does not have the content type application/json";
    }
    JsonNode json;
    try {
      json = JsonCodec.json().readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      return "is not recognized as valid JSON";
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return "has the unexpected field " + name;
      }
    }
    JsonNode id = json.get("requestId");
    if (id == null || !id.isTextual()) {
      return "does not contain a requestId";
    }
    if (!id.asText().equals(requestId)) {
      return "has the requestId " + id.asText() + ", which does not match";
    }
    // "The timestamp field must be a number and not a string" (Troubleshooting HTTP Endpoints).
    if (!json.path("timestamp").isIntegralNumber()) {
      return "does not contain a numeric timestamp";
    }
    return null;
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static String quote(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, QUOTED), StandardCharsets.UTF_8);
    return body.length > QUOTED ? text + "…" : text;
  }
}

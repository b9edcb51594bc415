package io.sluice.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers of the mobile push and SMS tests: Sluice's SNS outbox ({@code GET /_sluice/sns/outbox}),
 * the simulated SMS reply, and phone numbers no other test uses.
 */
final class MobileTesting {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private MobileTesting() {}

  /** A phone number (E.164, in the +1 555 fictional range) no other test of this JVM uses. */
  static String uniquePhoneNumber() {
    long n = (ProcessHandle.current().pid() * 1000 + NUMBERS.incrementAndGet()) % 10_000_000;
    return String.format("+1555%07d", n);
  }

  /** The kept deliveries of a protocol to one endpoint (phone number, endpoint ARN), oldest first. */
  static List<JsonNode> outbox(TestSluice node, String protocol, String endpoint) {
    JsonNode all = get(node, "/_sluice/sns/outbox?protocol=" + protocol);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : all.path("messages")) {
      if (m.path("endpoint").asText().equals(endpoint)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Simulates the holder of {@code phoneNumber} replying with {@code message} (STOP opts out). */
  static JsonNode reply(TestSluice node, String phoneNumber, String message) {
    return get(node, "/_sluice/sns/sms/reply?phoneNumber=" + phoneNumber.replace("+", "%2B") + "&message=" + message);
  }

  private static JsonNode get(TestSluice node, String pathAndQuery) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.endpoint() + pathAndQuery))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

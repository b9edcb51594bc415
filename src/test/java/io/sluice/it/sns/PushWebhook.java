package io.sluice.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.HttpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A push service or SMS gateway standing in for the real one: an {@link HttpReceiver} answering
 * every POST with a fixed status (200 unless told otherwise), read as JSON bodies.
 */
final class PushWebhook implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpReceiver receiver;

  PushWebhook() {
    this(200);
  }

  PushWebhook(int status) {
    receiver = new HttpReceiver(status);
  }

  /** The URL of a path on this receiver. */
  String url(String path) {
    return receiver.url(path);
  }

  /** The first body received (within a few seconds) that matches; fails the test otherwise. */
  JsonNode await(Predicate<JsonNode> matching) {
    return json(receiver.await(r -> matching.test(json(r)), 1, Duration.ofSeconds(10)).get(0));
  }

  /** Every body received so far. */
  List<JsonNode> received() {
    return receiver.requests().stream().map(PushWebhook::json).toList();
  }

  private static JsonNode json(HttpReceiver.Request request) {
    try {
      return JSON.readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    receiver.close();
  }
}

package io.sluice.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP endpoint that checks every request against AWS's "HTTP endpoint delivery request and
 * response specifications" (the violations it finds are kept with the request) and answers as the
 * test scripts it: a proper 200 by default, or a status, a 200 with another requestId, or nothing.
 */
final class HttpEndpointReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How to answer one request. */
  sealed interface Answer permits Ok, Status, WrongRequestId, Silence, Huge {}
  record Ok() implements Answer {}
  record Status(int status) implements Answer {}
  record WrongRequestId() implements Answer {}
  record Silence() implements Answer {}
  /** A 200 with the request's id and an errorMessage making the body over 1 MiB. */
  record Huge() implements Answer {}

  /** One request as received: headers, the decoded body's members and what broke the spec. */
  record Received(MultiMap headers, String path, String query, boolean gzipped, String requestId, long timestamp,
                  List<byte[]> records, List<String> violations) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final boolean tls;
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new ArrayList<>();
  private final List<Received> delivered = new ArrayList<>();

  HttpEndpointReceiver(Vertx vertx) throws Exception {
    this(vertx, null);
  }

  /**
   * A receiver over HTTPS with {@code certificate} (issued to {@code localhost}) when it is not null,
   * as the API model wants an endpoint's URL to be {@code https://}; else over plain HTTP.
   */
  HttpEndpointReceiver(Vertx vertx, SelfSignedCertificate certificate) throws Exception {
    tls = certificate != null;
    HttpServerOptions options = new HttpServerOptions();
    if (tls) {
      options.setSsl(true).setKeyCertOptions(certificate.keyCertOptions());
    }
    server = vertx.createHttpServer(options).requestHandler(this::handle).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The URL of {@code path}: {@code https://localhost:<port>…} (the certificate's name) or {@code http://127.0.0.1:<port>…}. */
  String url(String path) {
    return (tls ? "https://localhost:" : "http://127.0.0.1:") + server.actualPort() + path;
  }

  /** The next requests are answered so, in order; later ones with a proper 200. */
  void answer(Answer... next) {
    script.addAll(List.of(next));
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The requests answered with a proper 200 (delivered, as Firehose sees it), in order. */
  List<Received> delivered() {
    synchronized (received) {
      return List.copyOf(delivered);
    }
  }

  /** Waits until {@code count} requests arrived. */
  List<Received> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.size() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("expected " + count + " requests, got " + received.size());
        }
        received.wait(left);
      }
      return List.copyOf(received);
    }
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Received r = check(request, body);
      synchronized (received) {
        received.add(r);
        received.notifyAll();
      }
      Answer answer = script.poll();
      if (answer == null) {
        answer = new Ok();
      }
      if (answer instanceof Ok) {
        synchronized (received) {
          delivered.add(r);
        }
      }
      String id = r.requestId() == null ? "" : r.requestId();
      switch (answer) {
        case Ok ok -> reply(request, 200, "{\"requestId\":\"" + id + "\",\"timestamp\":" + System.currentTimeMillis() + "}");
        case WrongRequestId w -> reply(request, 200, "{\"requestId\":\"not-" + id + "\",\"timestamp\":1}");
        case Status s -> reply(request, s.status(), "{\"requestId\":\"" + id + "\",\"timestamp\":"
            + System.currentTimeMillis() + ",\"errorMessage\":\"scripted " + s.status() + "\"}");
        case Silence silence -> { }
        case Huge huge -> reply(request, 200, "{\"requestId\":\"" + id + "\",\"timestamp\":1,\"errorMessage\":\""
            + "x".repeat(1 << 20) + "\"}");
      }
    });
  }

  private static void reply(HttpServerRequest request, int status, String json) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }

  private static Received check(HttpServerRequest request, Buffer raw) {
    List<String> violations = new ArrayList<>();
    MultiMap h = request.headers();
    if (!request.method().name().equals("POST")) {
      violations.add("method " + request.method());
    }
    if (!"1.0".equals(h.get("X-Amz-Firehose-Protocol-Version"))) {
      violations.add("X-Amz-Firehose-Protocol-Version " + h.get("X-Amz-Firehose-Protocol-Version"));
    }
    if (!"application/json".equals(h.get("Content-Type"))) {
      violations.add("Content-Type " + h.get("Content-Type"));
    }
    String arn = h.get("X-Amz-Firehose-Source-Arn");
    if (arn == null || !arn.matches("arn:aws:firehose:[a-z0-9-]+:\\d{12}:deliverystream/.+")) {
      violations.add("X-Amz-Firehose-Source-Arn " + arn);
    }
    try {
      JsonNode attributes = JSON.readTree(h.get("X-Amz-Firehose-Common-Attributes"));
      if (!attributes.path("commonAttributes").isObject() || attributes.size() != 1) {
        violations.add("X-Amz-Firehose-Common-Attributes " + attributes);
      }
    } catch (IOException | IllegalArgumentException e) {
      violations.add("X-Amz-Firehose-Common-Attributes " + h.get("X-Amz-Firehose-Common-Attributes"));
    }
    String length = h.get("Content-Length");
    if (length == null || Integer.parseInt(length) != raw.length()) {
      violations.add("Content-Length " + length + " for " + raw.length() + " bytes");
    }
    byte[] bytes = raw.getBytes();
    boolean gzipped = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    String encoding = h.get("Content-Encoding");
    if (gzipped != "gzip".equals(encoding)) {
      violations.add("Content-Encoding " + encoding + " for a " + (gzipped ? "gzipped" : "plain") + " body");
    }
    String requestId = null;
    long timestamp = -1;
    List<byte[]> records = new ArrayList<>();
    try {
      JsonNode body = JSON.readTree(gzipped ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes);
      requestId = body.path("requestId").asText(null);
      if (requestId == null || !requestId.equals(h.get("X-Amz-Firehose-Request-Id"))) {
        violations.add("body requestId " + requestId + ", header " + h.get("X-Amz-Firehose-Request-Id"));
      }
      if (!body.path("timestamp").isIntegralNumber()) {
        violations.add("timestamp " + body.path("timestamp"));
      }
      timestamp = body.path("timestamp").asLong();
      if (!body.path("records").isArray() || body.path("records").isEmpty() || body.path("records").size() > 10_000) {
        violations.add("records " + body.path("records").size());
      }
      if (body.size() != 3) {
        violations.add("body members " + body.size());
      }
      for (JsonNode r : body.path("records")) {
        if (r.size() != 1 || !r.path("data").isTextual()) {
          violations.add("record " + r);
        }
        records.add(Base64.getDecoder().decode(r.path("data").asText()));
      }
    } catch (IOException | IllegalArgumentException e) {
      violations.add("body: " + e);
    }
    return new Received(MultiMap.caseInsensitiveMultiMap().addAll(h), request.path(), request.query(), gzipped,
        requestId, timestamp, records, violations);
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.sluice.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Splunk HTTP Event Collector with indexer acknowledgement: the raw and event collectors take data
 * with a valid {@code Authorization: Splunk <token>} and a channel ({@code X-Splunk-Request-Channel} or
 * {@code ?channel=}), answering {@code {"text":"Success","code":0,"ackId":n}} with ackIds counted per
 * channel; {@code /services/collector/ack} answers whether each ackId is indexed, which it is after
 * the number of polls the test sets ({@link #indexAfterPolls}). Errors as HEC answers them.
 */
final class HecReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Data sent to a collector. */
  record Event(String path, MultiMap headers, byte[] body, String channel, long ackId) {}

  private final HttpServer server;
  private final String token;
  private final List<Event> events = new ArrayList<>();
  private final Map<String, AtomicInteger> nextAckId = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final AtomicInteger ackRequests = new AtomicInteger();
  private volatile int indexAfterPolls;

  HecReceiver(Vertx vertx, String token) throws Exception {
    this.token = token;
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** An ackId is answered false for this many polls, then true ({@code Integer.MAX_VALUE}: never). */
  void indexAfterPolls(int n) {
    indexAfterPolls = n;
  }

  List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  int ackRequests() {
    return ackRequests.get();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      if (!("Splunk " + token).equals(request.getHeader("Authorization"))) {
        reply(request, 403, "{\"text\":\"Invalid token\",\"code\":4}");
        return;
      }
      String channel = request.getHeader("X-Splunk-Request-Channel");
      if (channel == null) {
        channel = request.getParam("channel");
      }
      if (channel == null) {
        reply(request, 400, "{\"text\":\"Data channel is missing\",\"code\":10}");
        return;
      }
      switch (request.path()) {
        case "/services/collector/raw", "/services/collector/event" -> {
          long ackId = nextAckId.computeIfAbsent(channel, c -> new AtomicInteger()).getAndIncrement();
          synchronized (events) {
            events.add(new Event(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                body.getBytes(), channel, ackId));
          }
          reply(request, 200, "{\"text\":\"Success\",\"code\":0,\"ackId\":" + ackId + "}");
        }
        case "/services/collector/ack" -> {
          ackRequests.incrementAndGet();
          StringBuilder acks = new StringBuilder();
          try {
            for (JsonNode id : JSON.readTree(body.getBytes()).path("acks")) {
              int polled = polls.computeIfAbsent(channel + "/" + id.asLong(), k -> new AtomicInteger()).incrementAndGet();
              acks.append(acks.isEmpty() ? "" : ",").append('"').append(id.asLong()).append("\":")
                  .append(polled > indexAfterPolls);
            }
          } catch (IOException e) {
            reply(request, 400, "{\"text\":\"Invalid data format\",\"code\":6}");
            return;
          }
          reply(request, 200, "{\"acks\":{" + acks + "}}");
        }
        default -> reply(request, 404, "{\"text\":\"The requested URL was not found on this server.\",\"code\":404}");
      }
    });
  }

  private static void reply(HttpServerRequest request, int status, String json) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }

  @Override
  public void close() {
    server.close();
  }
}

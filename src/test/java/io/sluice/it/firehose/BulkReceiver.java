package io.sluice.it.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSearch {@code _bulk} endpoint: keeps each request's NDJSON body and answers a 200 with one
 * item per action, {@code 201} for each document, or {@code 429 es_rejected_execution_exception} for
 * a document whose index name starts with {@link #REFUSED} (a cluster too busy for it).
 */
final class BulkReceiver implements AutoCloseable {
  /** Documents to indexes named so are refused. */
  static final String REFUSED = "refused";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  BulkReceiver(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The bodies of the {@code _bulk} requests received, in order. */
  List<String> bodies() {
    return List.copyOf(bodies);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      if (!request.path().equals("/_bulk") || !"application/x-ndjson".equals(request.getHeader("Content-Type"))) {
        request.response().setStatusCode(404).end();
        return;
      }
      String text = body.toString(StandardCharsets.UTF_8);
      bodies.add(text);
      StringBuilder items = new StringBuilder();
      boolean errors = false;
      String[] lines = text.split("\n");
      try {
        for (int i = 0; i + 1 < lines.length; i += 2) {
          String index = JSON.readTree(lines[i]).path("index").path("_index").asText();
          boolean refused = index.startsWith(REFUSED);
          errors |= refused;
          items.append(items.isEmpty() ? "" : ",").append(refused
              ? "{\"index\":{\"_index\":\"" + index + "\",\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"busy\"}}}"
              : "{\"index\":{\"_index\":\"" + index + "\",\"status\":201}}");
        }
      } catch (IOException e) {
        request.response().setStatusCode(400).end();
        return;
      }
      request.response().putHeader("Content-Type", "application/json")
          .end("{\"took\":1,\"errors\":" + errors + ",\"items\":[" + items + "]}");
    });
  }

  @Override
  public void close() {
    server.close();
  }
}

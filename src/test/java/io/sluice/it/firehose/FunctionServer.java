package io.sluice.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Firehose transformation function served at a function URL by a Vert.x server in the test (what
 * {@code SLUICE_LAMBDA_ENDPOINTS} maps a function to). Each record's data, as text: {@code drop} is
 * answered {@code Dropped}, {@code fail} {@code ProcessingFailed} (its data kept), anything else
 * {@code Ok} upper-cased, with its first character as the partition key {@code first} (for dynamic
 * partitioning by Lambda). {@link #events()} are the invocations it received.
 */
final class FunctionServer implements AutoCloseable {
  static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:upper";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  FunctionServer() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::invoke).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** {@code SLUICE_LAMBDA_ENDPOINTS}'s value mapping {@link #FUNCTION_ARN} to this server. */
  String lambdaEndpoints() {
    return FUNCTION_ARN + "=http://127.0.0.1:" + server.actualPort() + "/upper";
  }

  List<JsonNode> events() {
    return events;
  }

  private void invoke(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      try {
        JsonNode event = JSON.readTree(body.getBytes());
        events.add(event);
        ObjectNode out = JSON.createObjectNode();
        for (JsonNode r : event.get("records")) {
          String data = new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8);
          ObjectNode o = out.withArray("records").addObject().put("recordId", r.get("recordId").asText());
          switch (data) {
            case "drop" -> o.put("result", "Dropped");
            case "fail" -> o.put("result", "ProcessingFailed").put("data", r.get("data").asText());
            default -> {
              o.put("result", "Ok").put("data",
                  Base64.getEncoder().encodeToString(data.toUpperCase().getBytes(StandardCharsets.UTF_8)));
              o.putObject("metadata").putObject("partitionKeys").put("first", data.substring(0, 1));
            }
          }
        }
        req.response().putHeader("Content-Type", "application/json").end(out.toString());
      } catch (Exception e) {
        req.response().setStatusCode(400).end();
      }
    });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

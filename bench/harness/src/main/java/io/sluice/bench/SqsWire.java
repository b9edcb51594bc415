package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lean SQS client for load: AWS JSON 1.0 (what the AWS SDK for Java v2 speaks) over keep-alive
 * HTTP/1.1 connections of a Vert.x client, one request in flight per connection. Headers are built
 * once per action and bodies by the caller, usually once per scenario. The Authorization header is a
 * fixed, well-formed SigV4 header: neither Sluice (without configured credentials) nor ElasticMQ
 * checks signatures, so signing would only measure the client.
 */
public final class SqsWire {
  static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDSLUICEBENCH/20250101/us-east-1/sqs/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);

  private final HttpClientAgent http;
  /** Where requests made outside the event loops are made from (see {@link #call}). */
  private final Context context;
  private final String host;
  private final int port;
  private final Map<String, MultiMap> headers = new ConcurrentHashMap<>();

  /** A reply: HTTP status and body. */
  public record Reply(int status, Buffer body) {
    /** True for HTTP 2xx. */
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The body as JSON (SQS JSON replies are objects). */
    public JsonObject json() {
      return body.length() == 0 ? new JsonObject() : new JsonObject(body);
    }

    /** A one-line description of an error reply: its {@code __type} and message. */
    public String error() {
      try {
        JsonObject j = json();
        String type = j.getString("__type", "?");
        type = type.substring(type.indexOf('#') + 1);
        String message = j.getString("message", j.getString("Message", ""));
        return type + " (HTTP " + status + ")" + (message.isEmpty() ? "" : ": " + message);
      } catch (RuntimeException e) {
        return "HTTP " + status + ": " + body.toString().strip();
      }
    }
  }

  /** A request that has been written: {@code written} completes when it is on the wire, {@code reply} with the answer. */
  public record Pending(Future<Void> written, Future<Reply> reply) {}

  /** Thrown (as a failed future) when a reply is not what the scenario expects. */
  public static final class BadReply extends RuntimeException {
    BadReply(String action, Reply reply) {
      super(action + ": " + reply.error());
    }

    BadReply(String message) {
      super(message);
    }
  }

  SqsWire(Vertx vertx, String host, int port, int maxConnections) {
    this.context = vertx.getOrCreateContext();
    this.host = host;
    this.port = port;
    this.http = httpClient(vertx, host, port, maxConnections);
  }

  /** Keep-alive HTTP/1.1 connections to {@code host:port}, at most {@code maxConnections}, no pipelining. */
  static HttpClientAgent httpClient(Vertx vertx, String host, int port, int maxConnections) {
    return vertx.createHttpClient(new HttpClientOptions()
            .setDefaultHost(host)
            .setDefaultPort(port)
            .setKeepAlive(true)
            .setKeepAliveTimeout(120)
            .setPipelining(false)
            .setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  /** Sends one request; the future fails only on transport errors (HTTP errors are replies). */
  public Future<Reply> call(String action, Buffer body) {
    if (Vertx.currentContext() == null) {
      // A request made from a thread of the harness's own (set-up, and the queue switches between
      // warm-up windows) goes through the event loop: made directly, on a keep-alive connection
      // whose previous reply came back at once (the ceiling's), it was at times never sent at all.
      Promise<Reply> reply = Promise.promise();
      context.runOnContext(v -> call(action, body).onComplete(reply));
      return reply.future();
    }
    return http.request(options(action))
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b)));
  }

  /** Like {@link #call} but the reply must be 2xx, else the future fails with {@link BadReply}. */
  public Future<JsonObject> callOk(String action, Buffer body) {
    return call(action, body).compose(r -> r.ok() ? Future.succeededFuture(r.json())
        : Future.failedFuture(new BadReply(action, r)));
  }

  /** Writes a request and tells apart "on the wire" from "answered" (for long polls). */
  public Pending start(String action, Buffer body) {
    Promise<Reply> reply = Promise.promise();
    Future<HttpClientRequest> request;
    try {
      request = http.request(options(action));
    } catch (IllegalStateException closed) {
      request = Future.failedFuture(closed);
    }
    Future<Void> written = request.compose(req -> {
      req.response().compose((HttpClientResponse resp) -> resp.body().map(b -> new Reply(resp.statusCode(), b)))
          .onComplete(reply);
      return req.end(body);
    });
    written.onFailure(reply::tryFail);
    return new Pending(written, reply.future());
  }

  /** Closes the connections. */
  public Future<Void> close() {
    return http.close();
  }

  private RequestOptions options(String action) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI("/")
        .setHeaders(headers.computeIfAbsent(action, SqsWire::headersFor));
  }

  private static MultiMap headersFor(String action) {
    return HttpHeaders.headers()
        .add("Content-Type", "application/x-amz-json-1.0")
        .add("X-Amz-Target", "AmazonSQS." + action)
        .add("X-Amz-Date", "20250101T000000Z")
        .add("Authorization", AUTHORIZATION);
  }

  // --- request bodies ---------------------------------------------------------------------------

  /** {@code CreateQueue} with the given attributes (string values, as on the wire). */
  static Buffer createQueue(String name, Map<String, String> attributes) {
    JsonObject attrs = new JsonObject();
    attributes.forEach(attrs::put);
    return new JsonObject().put("QueueName", name).put("Attributes", attrs).toBuffer();
  }

  /** {@code SendMessage} of one body. */
  static Buffer sendMessage(String queueUrl, String body) {
    return new JsonObject().put("QueueUrl", queueUrl).put("MessageBody", body).toBuffer();
  }

  /** {@code SendMessageBatch} of {@code count} copies of one body, ids m0…m9. */
  static Buffer sendMessageBatch(String queueUrl, String body, int count) {
    JsonArray entries = new JsonArray();
    for (int i = 0; i < count; i++) {
      entries.add(new JsonObject().put("Id", "m" + i).put("MessageBody", body));
    }
    return new JsonObject().put("QueueUrl", queueUrl).put("Entries", entries).toBuffer();
  }

  /** {@code ReceiveMessage}, asking for the given system attributes (such as {@code SentTimestamp}) if any. */
  static Buffer receiveMessage(String queueUrl, int max, int waitSeconds, int visibilitySeconds,
                               String... systemAttributes) {
    JsonObject request = new JsonObject().put("QueueUrl", queueUrl).put("MaxNumberOfMessages", max)
        .put("WaitTimeSeconds", waitSeconds).put("VisibilityTimeout", visibilitySeconds);
    if (systemAttributes.length > 0) {
      request.put("MessageSystemAttributeNames", new JsonArray(java.util.List.of((Object[]) systemAttributes)));
    }
    return request.toBuffer();
  }

  /** {@code GetQueueAttributes} of the given attribute names. */
  static Buffer getQueueAttributes(String queueUrl, String... names) {
    return new JsonObject().put("QueueUrl", queueUrl)
        .put("AttributeNames", new JsonArray(java.util.List.of((Object[]) names))).toBuffer();
  }

  /** {@code DeleteMessageBatch} of the receipt handles of a {@code ReceiveMessage} reply's messages. */
  static Buffer deleteMessageBatch(String queueUrl, JsonArray messages) {
    JsonArray entries = new JsonArray();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(new JsonObject().put("Id", "d" + i)
          .put("ReceiptHandle", messages.getJsonObject(i).getString("ReceiptHandle")));
    }
    return new JsonObject().put("QueueUrl", queueUrl).put("Entries", entries).toBuffer();
  }

  /** The {@code Messages} of a {@code ReceiveMessage} reply (empty when there are none). */
  static JsonArray messages(JsonObject receiveReply) {
    JsonArray a = receiveReply.getJsonArray("Messages");
    return a == null ? new JsonArray() : a;
  }

  /** Entries of a batch reply's {@code Successful} list, failing if any entry is in {@code Failed}. */
  static int successful(String action, JsonObject batchReply) {
    JsonArray failed = batchReply.getJsonArray("Failed");
    if (failed != null && !failed.isEmpty()) {
      throw new BadReply(action + ": " + failed.size() + " entries failed, first: " + failed.getJsonObject(0).encode());
    }
    JsonArray ok = batchReply.getJsonArray("Successful");
    return ok == null ? 0 : ok.size();
  }
}

package io.sluice.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The reference row of the benchmark ("ceiling"): a bare Vert.x 5 HTTP server, started as its own
 * JVM like the servers under test, with one verticle per core as Sluice's gateway has. It reads each
 * request's whole body and answers with a fixed reply of the shape the SQS action's caller expects
 * (AWS JSON 1.0, chosen by {@code X-Amz-Target}); it stores nothing and parses no body except
 * CreateQueue's, whose queue URL must name the queue. So its rate is what the HTTP stack alone
 * can do on the machine, with the same client and connections, and no server of the same stack
 * can go faster.
 *
 * <p>{@code java -cp <harness jars> io.sluice.bench.Ceiling <port> [<message body bytes>]}
 */
public final class Ceiling extends VerticleBase {
  private static final String MESSAGE_ID = "7b1c4f0e-3a52-4d55-9a1e-0c7d2b9e6f41";
  private static final String MD5 = "0123456789abcdef0123456789abcdef";
  private static final String RECEIPT_HANDLE = "AQEBbench" + "x".repeat(160);

  private final int port;
  private final byte[] sendReply;
  private final byte[][] sendBatchReplies = new byte[11][];
  private final byte[][] deleteBatchReplies = new byte[11][];
  private final byte[] receiveReply;
  private final byte[] emptyReply = "{}".getBytes(StandardCharsets.UTF_8);
  private final byte[] unknownReply = ("{\"__type\":\"com.amazonaws.sqs#InvalidAction\","
      + "\"message\":\"the ceiling answers only what the benchmark sends\"}").getBytes(StandardCharsets.UTF_8);

  Ceiling(int port, int bodyBytes) {
    this.port = port;
    this.sendReply = ("{\"MD5OfMessageBody\":\"" + MD5 + "\",\"MessageId\":\"" + MESSAGE_ID + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (int n = 0; n <= 10; n++) {
      StringBuilder sent = new StringBuilder("{\"Successful\":[");
      StringBuilder deleted = new StringBuilder("{\"Successful\":[");
      for (int i = 0; i < n; i++) {
        sent.append(i == 0 ? "" : ",").append("{\"Id\":\"m").append(i).append("\",\"MD5OfMessageBody\":\"").append(MD5)
            .append("\",\"MessageId\":\"").append(MESSAGE_ID).append("\"}");
        deleted.append(i == 0 ? "" : ",").append("{\"Id\":\"d").append(i).append("\"}");
      }
      sendBatchReplies[n] = sent.append("],\"Failed\":[]}").toString().getBytes(StandardCharsets.UTF_8);
      deleteBatchReplies[n] = deleted.append("],\"Failed\":[]}").toString().getBytes(StandardCharsets.UTF_8);
    }
    String body = Scenarios.messageBody(bodyBytes);
    StringBuilder messages = new StringBuilder("{\"Messages\":[");
    for (int i = 0; i < 10; i++) {
      messages.append(i == 0 ? "" : ",").append("{\"MessageId\":\"").append(MESSAGE_ID).append("\",\"ReceiptHandle\":\"")
          .append(RECEIPT_HANDLE).append(i).append("\",\"MD5OfBody\":\"").append(MD5).append("\",\"Body\":\"")
          .append(body).append("\"}");
    }
    this.receiveReply = messages.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int bodyBytes = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new Ceiling(port, bodyBytes),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onSuccess(id -> System.out.println("ceiling listening on port " + port))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
            .setCompressionSupported(false).setIdleTimeout(0))
        .requestHandler(this::handle)
        .listen();
  }

  private void handle(HttpServerRequest request) {
    String target = request.getHeader("X-Amz-Target");
    request.body().onComplete(ar -> {
      if (ar.failed()) {
        request.response().setStatusCode(400).end();
        return;
      }
      Buffer body = ar.result();
      String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
      byte[] reply;
      int status = 200;
      switch (action) {
        case "SendMessage" -> reply = sendReply;
        case "SendMessageBatch" -> reply = sendBatchReplies[Math.min(10, entries(body))];
        case "ReceiveMessage" -> reply = receiveReply;
        case "DeleteMessageBatch" -> reply = deleteBatchReplies[Math.min(10, entries(body))];
        case "DeleteQueue", "DeleteMessage" -> reply = emptyReply;
        case "CreateQueue" -> reply = new JsonObject().put("QueueUrl", "http://127.0.0.1:" + port + "/000000000000/"
            + new JsonObject(body).getString("QueueName")).toBuffer().getBytes();
        default -> {
          reply = unknownReply;
          status = 400;
        }
      }
      request.response().setStatusCode(status)
          .putHeader("Content-Type", "application/x-amz-json-1.0")
          .putHeader("x-amzn-RequestId", MESSAGE_ID)
          .end(Buffer.buffer(reply));
    });
  }

  /** How many batch entries a request names: the number of {@code "Id"} keys in its body. */
  private static int entries(Buffer body) {
    int n = 0;
    for (int i = 0, end = body.length() - 4; i < end; i++) {
      if (body.getByte(i) == '"' && body.getByte(i + 1) == 'I' && body.getByte(i + 2) == 'd'
          && body.getByte(i + 3) == '"') {
        n++;
      }
    }
    return n;
  }
}

package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.RecordProcessing.ErrorLine;
import io.sluice.firehose.delivery.RecordProcessing.Processed;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.processing.FirehoseRecordProcessing;
import io.sluice.firehose.processing.LambdaTransformation;
import io.sluice.lambda.FunctionUrlInvoker;
import io.sluice.lambda.LambdaEndpoints;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.Timers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Firehose's data transformation against a real function URL: a small HTTP server in the test plays
 * the Lambda function (Ok, Dropped, ProcessingFailed, partition keys, errors, silence), reached
 * through the {@code lambda-endpoints} mapping; and that one setting, {@code SLUICE_LAMBDA_ENDPOINTS},
 * also serves SNS's lambda subscriptions on a node.
 */
class LambdaTransformationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTIONS = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final DeliveryStreamRecord STREAM = new DeliveryStreamRecord(
      new DeliveryStreamId("us-east-1", "000000000000", "clicks"), "DirectPut", 1L, 1L, 1, 1L, List.of(), null, null,
      null, Map.of(), 1, null);

  private static Vertx vertx;
  private static HttpServer server;
  private static final Map<String, List<JsonNode>> calls = new ConcurrentHashMap<>();
  private static final AtomicInteger flakyFailures = new AtomicInteger();
  private static FunctionUrlInvoker invoker;
  private static FirehoseRecordProcessing processing;

  @BeforeAll
  static void startFunctions() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(LambdaTransformationTest::function).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    invoker = new FunctionUrlInvoker(vertx, new LambdaEndpoints(Map.of(
        FUNCTIONS + "transform", url("/transform"), "flaky", url("/flaky"), FUNCTIONS + "silent", url("/silent"))), 1000);
    processing = new FirehoseRecordProcessing(new LambdaTransformation(invoker, InstantSource.system(),
        Timers.vertx(vertx), 50), InstantSource.system(), FirehoseRecordProcessing.ACTIVE_PARTITION_LIMIT);
  }

  @AfterAll
  static void stopFunctions() {
    invoker.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /**
   * The functions: /transform upper-cases ("drop" Dropped, "fail" ProcessingFailed) with a key; /flaky
   * fails twice first; /silent never answers; /sns takes SNS's events.
   */
  private static void function(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      JsonNode event;
      try {
        event = JSON.readTree(body.getBytes());
      } catch (Exception e) {
        req.response().setStatusCode(400).end();
        return;
      }
      calls.computeIfAbsent(req.path(), p -> new CopyOnWriteArrayList<>()).add(event);
      if (req.path().equals("/silent")) {
        return;
      }
      if (req.path().equals("/sns")) {
        req.response().end();
        return;
      }
      if (req.path().equals("/flaky") && flakyFailures.getAndIncrement() < 2) {
        req.response().setStatusCode(502).end("{\"errorMessage\":\"boom\"}");
        return;
      }
      ObjectNode out = JSON.createObjectNode();
      for (JsonNode r : event.get("records")) {
        String data = new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8);
        ObjectNode o = out.withArray("records").addObject().put("recordId", r.get("recordId").asText());
        switch (data) {
          case "drop" -> o.put("result", "Dropped");
          case "fail" -> o.put("result", "ProcessingFailed").put("data", r.get("data").asText());
          default -> {
            o.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(
                ("{\"v\":\"" + data.toUpperCase() + "\"}").getBytes(StandardCharsets.UTF_8)));
            o.putObject("metadata").putObject("partitionKeys").put("first", data.substring(0, 1));
          }
        }
      }
      req.response().putHeader("Content-Type", "application/json").end(out.toString());
    });
  }

  private static Destination destination(String function, String partitioning) {
    String lambda = "{\"Type\":\"Lambda\",\"Parameters\":[{\"ParameterName\":\"LambdaArn\",\"ParameterValue\":\""
        + function + "\"},{\"ParameterName\":\"NumberOfRetries\",\"ParameterValue\":\"2\"}]}";
    try {
      return new Destination("destinationId-000000000001", "ExtendedS3", (ObjectNode) JSON.readTree(
          "{\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"first=!{partitionKeyFromLambda:first}/\","
              + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\",\"BufferingHints\":{\"SizeInMBs\":64},"
              + "\"DynamicPartitioningConfiguration\":{\"Enabled\":" + partitioning + "},"
              + "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[" + lambda
              + (partitioning.equals("true") ? ",{\"Type\":\"AppendDelimiterToRecord\"}" : "") + "]}}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Processed process(Destination d, String invocationId, String... data) throws Exception {
    List<BufferedRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      records.add(new BufferedRecord(invocationId + "-" + i, 1_000L + i, data[i].getBytes(StandardCharsets.UTF_8)));
    }
    return processing.process(STREAM, d, invocationId, records, System.currentTimeMillis()).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static List<String> texts(Processed p) {
    return p.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  private static JsonNode doc(ErrorLine line) throws Exception {
    return JSON.readTree(line.line());
  }

  @Test
  void theFunctionUrlTransformsDropsFailsAndPartitionsRecords() throws Exception {
    String invocation = "3b7f0f5e-0c1d-4e55-9a4b-6d1f2a3b4c5d";
    Processed p = process(destination(FUNCTIONS + "transform", "true"), invocation, "apple", "drop", "fail", "berry");

    JsonNode event = calls.get("/transform").getLast();
    assertEquals(invocation, event.get("invocationId").asText());
    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks", event.get("deliveryStreamArn").asText());
    assertEquals("us-east-1", event.get("region").asText());
    assertEquals(4, event.get("records").size());
    assertEquals(1_000L, event.at("/records/0/approximateArrivalTimestamp").asLong());
    assertEquals(List.of("{\"v\":\"APPLE\"}\n", "{\"v\":\"BERRY\"}\n"), texts(p));
    assertEquals(List.of(Map.of("partitionKeyFromLambda:first", "a"), Map.of("partitionKeyFromLambda:first", "b")),
        p.records().stream().map(DeliveryRecord::partitionKeys).toList());
    assertEquals(1, p.errors().size());
    assertEquals("processing-failed", p.errors().getFirst().errorOutputType());
    JsonNode failed = doc(p.errors().getFirst());
    assertEquals("Lambda.ProcessingFailedStatus", failed.get("errorCode").asText());
    assertEquals(FUNCTIONS + "transform", failed.get("lambdaArn").asText());
    assertEquals("ZmFpbA==", failed.get("rawData").asText());
  }

  @Test
  void aFunctionUrlErrorIsRetriedAndAFunctionFoundByNameServesAQualifiedArn() throws Exception {
    Processed p = process(destination(FUNCTIONS + "flaky:live", "false"), "flaky-invocation", "kiwi");

    assertEquals(3, calls.get("/flaky").size());
    assertEquals(List.of("{\"v\":\"KIWI\"}"), texts(p));
    assertEquals(List.of(Map.of()), p.records().stream().map(DeliveryRecord::partitionKeys).toList());
  }

  @Test
  void aSilentFunctionTimesOutAndAnUnmappedOneIsNotFoundTheirRecordsProcessingFailed() throws Exception {
    Processed silent = process(destination(FUNCTIONS + "silent", "false"), "silent-invocation", "x", "y");
    Processed unmapped = process(destination(FUNCTIONS + "nowhere", "false"), "unmapped-invocation", "z");

    assertEquals(3, calls.get("/silent").size());
    assertEquals(List.of(), silent.records());
    assertEquals(2, silent.errors().size());
    JsonNode timedOut = doc(silent.errors().getFirst());
    assertEquals("Lambda.FunctionRequestTimedOut", timedOut.get("errorCode").asText());
    assertEquals(3, timedOut.get("attemptsMade").asInt());
    JsonNode notFound = doc(unmapped.errors().getFirst());
    assertEquals("Lambda.ResourceNotFound", notFound.get("errorCode").asText());
    assertEquals(1, notFound.get("attemptsMade").asInt());
  }

  @Test
  void snsLambdaSubscriptionsUseTheSameSetting() throws Exception {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        Map.of("SLUICE_LAMBDA_ENDPOINTS", "sns-target=" + url("/sns")))) {
      String topic = node.sns().createTopic(b -> b.name(TestSluice.uniqueName("fh-lambda"))).topicArn();
      node.sns().subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(FUNCTIONS + "sns-target"));

      node.sns().publish(b -> b.topicArn(topic).message("hello"));

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (calls.getOrDefault("/sns", List.of()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<JsonNode> received = calls.getOrDefault("/sns", List.of());
      assertTrue(!received.isEmpty(), "the SNS lambda event did not reach the function URL");
      assertEquals("hello", received.getFirst().at("/Records/0/Sns/Message").asText());
    }
  }
}

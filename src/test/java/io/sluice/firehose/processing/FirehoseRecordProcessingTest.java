package io.sluice.firehose.processing;

import static io.sluice.firehose.processing.Fixtures.FUNCTION;
import static io.sluice.firehose.processing.Fixtures.STREAM;
import static io.sluice.firehose.processing.Fixtures.destination;
import static io.sluice.firehose.processing.Fixtures.json;
import static io.sluice.firehose.processing.Fixtures.lambda;
import static io.sluice.firehose.processing.Fixtures.partitioned;
import static io.sluice.firehose.processing.Fixtures.query;
import static io.sluice.firehose.processing.Fixtures.record;
import static io.sluice.firehose.processing.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.RecordProcessing.ErrorLine;
import io.sluice.firehose.delivery.RecordProcessing.Processed;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.lambda.LambdaInvocationException;
import io.sluice.protocol.JsonCodec;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Lambda transformation and dynamic partitioning of a flush, with a function played by the test. */
class FirehoseRecordProcessingTest {
  private static final String INVOCATION = "6f1c5c0e-8d0a-4a8e-9d3c-2b6f7e0a1b2c";
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final ManualTimers timers = new ManualTimers(clock);
  private final List<JsonNode> invocations = new ArrayList<>();
  private Function<JsonNode, CompletionStage<byte[]>> function = FirehoseRecordProcessingTest::upperCase;

  private final FirehoseRecordProcessing processing = new FirehoseRecordProcessing(
      new LambdaTransformation((arn, payload) -> {
        assertEquals(FUNCTION, arn);
        JsonNode event = json(payload);
        invocations.add(event);
        return function.apply(event);
      }, clock, timers, 1000), clock, 2);

  /** The function answering each record Ok with its data upper-cased, "drop" Dropped and "fail" ProcessingFailed. */
  private static CompletionStage<byte[]> upperCase(JsonNode event) {
    ObjectNode out = JsonCodec.json().createObjectNode();
    ArrayNode records = out.putArray("records");
    for (JsonNode r : event.get("records")) {
      String data = new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8);
      ObjectNode o = records.addObject().put("recordId", r.get("recordId").asText());
      switch (data) {
        case "drop" -> o.put("result", "Dropped");
        case "fail" -> o.put("result", "ProcessingFailed").put("data", r.get("data").asText());
        default -> o.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(
            data.toUpperCase().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return CompletableFuture.completedFuture(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Destination s3WithLambda(String extra) {
    return destination("ExtendedS3", "{\"RoleARN\":\"r\",\"BucketARN\":\"arn:aws:s3:::b\",\"ProcessingConfiguration\":"
        + "{\"Enabled\":true,\"Processors\":[" + lambda(extra) + "]}}");
  }

  private Processed process(Destination d, BufferedRecord... records) {
    return Await.await(processing.process(STREAM, d, INVOCATION, List.of(records), clock.millis()));
  }

  private static List<String> data(Processed p) {
    return p.records().stream().map(r -> text(r.data())).toList();
  }

  private static JsonNode line(ErrorLine e) {
    return json(e.line());
  }

  @Test
  void withoutProcessingRecordsPassAsPut() {
    Processed p = process(destination("ExtendedS3", "{\"BucketARN\":\"arn:aws:s3:::b\"}"), record("1", 5, "a"),
        record("2", 6, "b"));

    assertEquals(List.of("a", "b"), data(p));
    assertEquals(List.of(), p.errors());
    assertEquals(List.of(), invocations);
  }

  @Test
  void theFunctionGetsAwsEventAndItsOkDroppedAndProcessingFailedAreHonouredInOrder() {
    Processed p = process(s3WithLambda(""), record("1", 5, "a"), record("2", 6, "drop"), record("3", 7, "fail"),
        record("4", 8, "d"));

    JsonNode event = invocations.getFirst();
    assertEquals(INVOCATION, event.get("invocationId").asText());
    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/orders", event.get("deliveryStreamArn").asText());
    assertEquals("us-east-1", event.get("region").asText());
    assertEquals("1", event.at("/records/0/recordId").asText());
    assertEquals(5, event.at("/records/0/approximateArrivalTimestamp").asLong());
    assertEquals("YQ==", event.at("/records/0/data").asText());
    assertEquals(List.of("A", "D"), data(p));
    assertEquals(List.of("1", "4"), p.records().stream().map(DeliveryRecord::recordId).toList());
    assertEquals(1, p.errors().size());
    ErrorLine failed = p.errors().getFirst();
    assertEquals("processing-failed", failed.errorOutputType());
    JsonNode doc = line(failed);
    assertEquals(1, doc.get("attemptsMade").asInt());
    assertEquals(7, doc.get("arrivalTimestamp").asLong());
    assertEquals("Lambda.ProcessingFailedStatus", doc.get("errorCode").asText());
    assertEquals(clock.millis(), doc.get("attemptEndingTimestamp").asLong());
    assertEquals("ZmFpbA==", doc.get("rawData").asText());
    assertEquals(FUNCTION, doc.get("lambdaArn").asText());
  }

  @Test
  void aFailingInvocationIsRetriedNumberOfRetriesTimesThenEveryRecordIsProcessingFailed() {
    function = event -> CompletableFuture.failedFuture(new LambdaInvocationException("Lambda.FunctionError", "boom"));
    CompletionStage<Processed> stage = processing.process(STREAM, s3WithLambda(
        ",{\"ParameterName\":\"NumberOfRetries\",\"ParameterValue\":\"2\"}"), INVOCATION,
        List.of(record("1", 5, "a"), record("2", 6, "b")), clock.millis());

    assertEquals(1, invocations.size());
    assertFalse(stage.toCompletableFuture().isDone());
    clock.advanceMillis(1000);
    clock.advanceMillis(1000);

    Processed p = Await.await(stage);
    assertEquals(3, invocations.size());
    assertEquals(List.of(), p.records());
    assertEquals(2, p.errors().size());
    JsonNode doc = line(p.errors().get(1));
    assertEquals(3, doc.get("attemptsMade").asInt());
    assertEquals("Lambda.FunctionError", doc.get("errorCode").asText());
    assertEquals("boom", doc.get("errorMessage").asText());
    assertEquals(clock.millis(), doc.get("attemptEndingTimestamp").asLong());
    assertEquals("Yg==", doc.get("rawData").asText());
  }

  @Test
  void anInvalidAnswerIsRetriedAndASecondGoodOneIsUsed() {
    List<String> answers = new ArrayList<>(List.of("{\"records\":[]}"));
    function = event -> answers.isEmpty() ? upperCase(event)
        : CompletableFuture.completedFuture(answers.removeFirst().getBytes(StandardCharsets.UTF_8));

    CompletionStage<Processed> stage = processing.process(STREAM, s3WithLambda(""), INVOCATION,
        List.of(record("1", 5, "a")), clock.millis());
    clock.advanceMillis(1000);

    assertEquals(List.of("A"), data(Await.await(stage)));
    assertEquals(2, invocations.size());
    assertEquals(invocations.get(0), invocations.get(1));
  }

  @Test
  void recordsAreSplitIntoInvocationsOfBufferSizeInMBs() {
    String third = "x".repeat(70_000);
    Processed p = process(s3WithLambda(",{\"ParameterName\":\"BufferSizeInMBs\",\"ParameterValue\":\"0.2\"}"),
        record("1", 1, third), record("2", 2, third), record("3", 3, third));

    assertEquals(2, invocations.size());
    // 0.2 MB is 209,715 bytes: two records of 70,000 fit, a third does not.
    assertEquals(2, invocations.get(0).get("records").size());
    assertEquals(1, invocations.get(1).get("records").size());
    assertEquals(List.of("1", "2", "3"), p.records().stream().map(DeliveryRecord::recordId).toList());
    assertNotEquals(invocations.get(0).get("invocationId"), invocations.get(1).get("invocationId"));
  }

  @Test
  void queryKeysPartitionRecordsAndTheDelimiterIsAppended() {
    Destination d = destination("ExtendedS3", partitioned("c=!{partitionKeyFromQuery:c}/",
        query("{c: .customer}"), "{\"Type\":\"AppendDelimiterToRecord\"}"));

    Processed p = process(d, record("1", 1, "{\"customer\":\"x\"}"), record("2", 2, "{\"customer\":7}"));

    assertEquals(List.of("{\"customer\":\"x\"}\n", "{\"customer\":7}\n"), data(p));
    assertEquals(Map.of("partitionKeyFromQuery:c", "x"), p.records().get(0).partitionKeys());
    assertEquals(Map.of("partitionKeyFromQuery:c", "7"), p.records().get(1).partitionKeys());
  }

  @Test
  void recordsWhoseKeysCannotBeExtractedArePartitioningFailed() {
    Destination d = destination("ExtendedS3", partitioned("c=!{partitionKeyFromQuery:c}/", query("{c: .customer}")));

    Processed p = process(d, record("1", 1, "not json"), record("2", 2, "{\"other\":1}"),
        record("3", 3, "{\"customer\":\"\"}"), record("4", 4, "{\"customer\":\"ok\"}"));

    assertEquals(List.of("{\"customer\":\"ok\"}"), data(p));
    assertEquals(List.of("partitioning-failed", "partitioning-failed", "partitioning-failed"),
        p.errors().stream().map(ErrorLine::errorOutputType).toList());
    JsonNode doc = line(p.errors().getFirst());
    assertEquals("DynamicPartitioning.MetadataExtractionFailed", doc.get("errorCode").asText());
    assertEquals("Non JSON record provided", doc.get("errorMessage").asText());
    assertEquals("bm90IGpzb24=", doc.get("rawData").asText());
    assertEquals(1, doc.get("arrivalTimestamp").asLong());
  }

  @Test
  void recordsOfPartitionsPastTheActiveLimitGoToTheErrorOutput() {
    Destination d = destination("ExtendedS3", partitioned("c=!{partitionKeyFromQuery:c}/", query("{c: .c}")));

    Processed p = process(d, record("1", 1, "{\"c\":\"a\"}"), record("2", 2, "{\"c\":\"b\"}"),
        record("3", 3, "{\"c\":\"c\"}"), record("4", 4, "{\"c\":\"a\"}"));

    assertEquals(List.of("1", "2", "4"), p.records().stream().map(DeliveryRecord::recordId).toList());
    assertEquals(List.of("activePartitionExceeded"), p.errors().stream().map(ErrorLine::errorOutputType).toList());
    assertEquals("DynamicPartitioning.ActivePartitionsLimitExceeded", line(p.errors().getFirst()).get("errorCode").asText());
  }

  @Test
  void lambdaKeysAndDeAggregatedSubRecordsArePartitionedToo() {
    function = event -> {
      ObjectNode out = JsonCodec.json().createObjectNode();
      for (JsonNode r : event.get("records")) {
        ObjectNode o = out.withArray("records").addObject().put("recordId", r.get("recordId").asText())
            .put("result", "Ok").put("data", r.get("data").asText());
        o.putObject("metadata").putObject("partitionKeys").put("source", "fn");
      }
      return CompletableFuture.completedFuture(out.toString().getBytes(StandardCharsets.UTF_8));
    };
    Destination d = destination("ExtendedS3", partitioned(
        "s=!{partitionKeyFromLambda:source}/c=!{partitionKeyFromQuery:c}/", lambda(""),
        "{\"Type\":\"RecordDeAggregation\",\"Parameters\":[{\"ParameterName\":\"SubRecordType\",\"ParameterValue\":\"JSON\"}]}",
        query("{c: .c}")));

    Processed p = process(d, record("1", 1, "{\"c\":\"a\"}{\"c\":\"b\"}"));

    assertEquals(List.of("{\"c\":\"a\"}", "{\"c\":\"b\"}"), data(p));
    assertEquals(Map.of("partitionKeyFromLambda:source", "fn", "partitionKeyFromQuery:c", "b"),
        p.records().get(1).partitionKeys());
  }
}

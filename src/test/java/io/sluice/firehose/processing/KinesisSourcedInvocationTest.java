package io.sluice.firehose.processing;

import static io.sluice.firehose.processing.Fixtures.STREAM;
import static io.sluice.firehose.processing.Fixtures.destination;
import static io.sluice.firehose.processing.Fixtures.json;
import static io.sluice.firehose.processing.Fixtures.lambda;
import static io.sluice.firehose.processing.Fixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.KinesisRecordMetadata;
import io.sluice.firehose.model.Destination;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Lambda invocation of a KinesisStreamAsSource stream names its Kinesis stream; a DirectPut one does not. */
class KinesisSourcedInvocationTest {
  private static final String SOURCE = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final List<JsonNode> events = new ArrayList<>();
  private final FirehoseRecordProcessing processing = new FirehoseRecordProcessing(
      new LambdaTransformation((arn, payload) -> {
        JsonNode event = json(payload);
        events.add(event);
        String id = event.at("/records/0/recordId").asText();
        return CompletableFuture.completedFuture(("{\"records\":[{\"recordId\":\"" + id
            + "\",\"result\":\"Dropped\"}]}").getBytes(StandardCharsets.UTF_8));
      }, clock, new ManualTimers(clock), 1000), clock, 2);

  @Test
  void aKinesisSourcedStreamsInvocationNamesItsSourceStream() {
    DeliveryStreamRecord kinesisSourced = new DeliveryStreamRecord(STREAM.id(), "KinesisStreamAsSource", 1L, 1L, 1, 1L,
        List.of(), FirehoseModel.object().put("KinesisStreamARN", SOURCE).put("RoleARN", "r"), null, null,
        Map.of(), 1, null);
    Destination d = destination("ExtendedS3", "{\"RoleARN\":\"r\",\"BucketARN\":\"arn:aws:s3:::b\",\"ProcessingConfiguration\":"
        + "{\"Enabled\":true,\"Processors\":[" + lambda("") + "]}}");

    KinesisRecordMetadata metadata = new KinesisRecordMetadata("shardId-000000000000", "user-1", 5,
        "49546986683135544286507457936321625675700192471156785154", "");
    Await.await(processing.process(kinesisSourced, d, "6f1c5c0e-8d0a-4a8e-9d3c-2b6f7e0a1b2c",
        List.of(new BufferedRecord("1", 5, "a".getBytes(StandardCharsets.UTF_8), metadata)), clock.millis()));
    Await.await(processing.process(STREAM, d, "7f1c5c0e-8d0a-4a8e-9d3c-2b6f7e0a1b2c", List.of(record("1", 5, "a")),
        clock.millis()));

    assertEquals(SOURCE, events.get(0).get("sourceKinesisStreamArn").asText());
    JsonNode kinesis = events.get(0).at("/records/0/kinesisRecordMetadata");
    assertEquals("shardId-000000000000", kinesis.get("shardId").asText());
    assertEquals("user-1", kinesis.get("partitionKey").asText());
    assertEquals(5, kinesis.get("approximateArrivalTimestamp").asLong());
    assertEquals("49546986683135544286507457936321625675700192471156785154", kinesis.get("sequenceNumber").asText());
    assertEquals("", kinesis.get("subsequenceNumber").asText());
    assertFalse(events.get(1).at("/records/0").has("kinesisRecordMetadata"));
    assertFalse(events.get(1).has("sourceKinesisStreamArn"));
  }
}

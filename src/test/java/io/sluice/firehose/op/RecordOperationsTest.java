package io.sluice.firehose.op;

import static io.sluice.firehose.op.MemoryFirehose.ROLE;
import static io.sluice.firehose.op.MemoryFirehose.S3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PutRecord and PutRecordBatch on the in-memory store: limits, refusals, records stored in order. */
class RecordOperationsTest {
  private final MemoryFirehose firehose = new MemoryFirehose();

  private static String data(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String batch(String name, List<String> texts) {
    List<String> records = new ArrayList<>();
    texts.forEach(t -> records.add("{\"Data\":\"" + data(t) + "\"}"));
    return "{\"DeliveryStreamName\":\"" + name + "\",\"Records\":[" + String.join(",", records) + "]}";
  }

  private List<BufferedRecord> buffered(String name) {
    DeliveryStreamRecord s = Await.await(firehose.store.find(new DeliveryStreamId("us-east-1", "000000000000", name),
        firehose.clock.millis())).orElseThrow();
    return Await.await(firehose.store.read(s, null, 1000)).stream().map(firehose.records::open).toList();
  }

  @Test
  void putRecordsAreStoredInTheStreamsBufferInOrderWithGrowingRecordIds() {
    firehose.activeStream("orders");

    JsonNode one = firehose.call(PutRecord::new,
        "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"" + data("first\n") + "\"}}");
    JsonNode batch = firehose.call(PutRecordBatch::new, batch("orders", List.of("a", "b", "c")));
    List<BufferedRecord> stored = buffered("orders");

    assertEquals(0, batch.get("FailedPutCount").asInt());
    assertEquals(false, batch.get("Encrypted").asBoolean());
    assertEquals(3, batch.get("RequestResponses").size());
    List<String> ids = new ArrayList<>(List.of(one.get("RecordId").asText()));
    batch.get("RequestResponses").forEach(r -> ids.add(r.get("RecordId").asText()));
    assertEquals(ids, stored.stream().map(BufferedRecord::recordId).toList());
    assertEquals(ids, ids.stream().sorted().toList());
    assertEquals(4, ids.stream().distinct().count());
    assertArrayEquals("first\n".getBytes(StandardCharsets.UTF_8), stored.get(0).data());
    assertEquals(List.of("a", "b", "c"), stored.subList(1, 4).stream()
        .map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void aKinesisSourcedStreamRefusesDirectPuts() {
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"k\",\"DeliveryStreamType\":"
        + "\"KinesisStreamAsSource\",\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":"
        + "\"arn:aws:kinesis:us-east-1:000000000000:stream/s\",\"RoleARN\":\"" + ROLE + "\"},"
        + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}");
    firehose.clock.advanceSeconds(1);

    assertEquals("InvalidArgumentException", firehose.errorCode(PutRecord::new,
        "{\"DeliveryStreamName\":\"k\",\"Record\":{\"Data\":\"aGk=\"}}"));
    assertEquals("InvalidArgumentException", firehose.errorCode(PutRecordBatch::new, batch("k", List.of("x"))));
  }

  @Test
  void recordAndBatchLimitsAreAwss() {
    firehose.activeStream("orders");
    String largest = "x".repeat(1_024_000);

    firehose.call(PutRecord::new, "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"" + data(largest) + "\"}}");
    String tooLarge = firehose.errorCode(PutRecord::new,
        "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"" + data(largest + "x") + "\"}}");
    String noData = firehose.errorCode(PutRecord::new, "{\"DeliveryStreamName\":\"orders\",\"Record\":{}}");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add("r");
    }
    String tooMany = firehose.errorCode(PutRecordBatch::new, batch("orders", many));
    String empty = firehose.errorCode(PutRecordBatch::new, batch("orders", List.of()));
    String tooBig = firehose.errorCode(PutRecordBatch::new, batch("orders", List.of(largest, largest, largest, largest,
        largest)));
    firehose.call(PutRecordBatch::new, batch("orders", many.subList(0, 500)));

    assertEquals("ValidationException", tooLarge);
    assertEquals("ValidationException", noData);
    assertEquals("ValidationException", tooMany);
    assertEquals("ValidationException", empty);
    assertEquals("InvalidArgumentException", tooBig);
    assertEquals(501, buffered("orders").size());
  }

  @Test
  void aPutToAStreamThatDoesNotExistIsResourceNotFound() {
    assertEquals("ResourceNotFoundException", firehose.errorCode(PutRecord::new,
        "{\"DeliveryStreamName\":\"none\",\"Record\":{\"Data\":\"aGk=\"}}"));
    String message = firehose.error(PutRecordBatch::new, batch("none", List.of("x"))).getMessage();
    assertTrue(message.contains("none"), message);
  }

  @Test
  void pastTheDirectPutRequestQuotaACallIsRefusedUntilTheBucketRefills() {
    firehose.activeStream("busy");
    String put = "{\"DeliveryStreamName\":\"busy\",\"Record\":{\"Data\":\"" + data("x") + "\"}}";
    for (int i = 0; i < 2_000; i++) {
      firehose.call(PutRecord::new, put);
    }

    String refused = firehose.errorCode(PutRecord::new, put);
    firehose.clock.advanceMillis(1);
    JsonNode afterRefill = firehose.call(PutRecord::new, put);

    assertEquals("ServiceUnavailableException", refused);
    assertTrue(afterRefill.has("RecordId"));
  }

  @Test
  void recordsPastTheDirectPutByteQuotaFailAloneWithServiceUnavailable() {
    firehose.activeStream("bytes");
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      big.add("y".repeat(1000 * 1024));
    }
    firehose.call(PutRecordBatch::new, batch("bytes", big));

    JsonNode second = firehose.call(PutRecordBatch::new, batch("bytes", big));
    int storedAfterSecond = buffered("bytes").size();

    assertEquals(3, second.get("FailedPutCount").asInt());
    assertTrue(second.at("/RequestResponses/0/RecordId").isTextual());
    assertEquals("ServiceUnavailableException", second.at("/RequestResponses/1/ErrorCode").asText());
    assertEquals("Slow down.", second.at("/RequestResponses/3/ErrorMessage").asText());
    assertEquals(5, storedAfterSecond);
  }
}

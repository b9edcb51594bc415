package io.sluice.firehose.op;

import static io.sluice.firehose.op.MemoryFirehose.ROLE;
import static io.sluice.firehose.op.MemoryFirehose.S3;
import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.source.FakeKinesis;
import io.sluice.firehose.source.SourceLeases;
import io.sluice.storage.scheduler.Scheduler.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreateDeliveryStream and DescribeDeliveryStream for KinesisStreamAsSource streams. */
class KinesisSourceOperationsTest {
  private final MemoryFirehose firehose = new MemoryFirehose();

  private static String create(String name, String streamArn) {
    return "{\"DeliveryStreamName\":\"" + name + "\",\"DeliveryStreamType\":\"KinesisStreamAsSource\","
        + "\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":\"" + streamArn + "\",\"RoleARN\":\"" + ROLE
        + "\"},\"ExtendedS3DestinationConfiguration\":" + S3 + "}";
  }

  @Test
  void aSourceWhoseKinesisStreamDoesNotExistIsAnInvalidArgumentAndNothingIsCreatedOrRegistered() {
    firehose.kinesis.delete();

    String code = firehose.errorCode(CreateDeliveryStream::new, create("k", FakeKinesis.ARN));
    String malformed = firehose.errorCode(CreateDeliveryStream::new,
        create("m", "arn:aws:sqs:us-east-1:000000000000:queue"));

    assertEquals("InvalidArgumentException", code);
    assertEquals("ValidationException", malformed);
    assertEquals(List.of(), await(firehose.store.list(MemoryFirehose.REGION, MemoryFirehose.ACCOUNT,
        firehose.clock.millis())));
    assertEquals(List.of(), await(firehose.sources.claim(firehose.clock.millis() + 60_000, 10, "test",
        firehose.clock.millis() + 70_000)));
  }

  @Test
  void aNewSourceIsRegisteredToBeReadOnceTheStreamIsActiveFromItsCreation() {
    long created = firehose.clock.millis();

    firehose.call(CreateDeliveryStream::new, create("k", FakeKinesis.ARN));
    List<Item> whileCreating = await(firehose.sources.claim(created + 499, 10, "test", created + 10_000));
    List<Item> whenActive = await(firehose.sources.claim(created + 500, 10, "test", created + 10_000));
    firehose.clock.advanceSeconds(1);
    JsonNode source = firehose.describe("k").at("/Source/KinesisStreamSourceDescription");

    assertEquals(List.of(), whileCreating);
    assertEquals(1, whenActive.size());
    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/k", whenActive.getFirst().partition());
    assertEquals("k", SourceLeases.streamOf(whenActive.getFirst()).name());
    assertEquals(created, SourceLeases.generationOf(whenActive.getFirst()));
    assertEquals(FakeKinesis.ARN, source.get("KinesisStreamARN").asText());
    assertEquals(created / 1000.0, source.get("DeliveryStartTimestamp").asDouble());
    assertEquals(firehose.describe("k").get("CreateTimestamp").asDouble(),
        source.get("DeliveryStartTimestamp").asDouble());
    assertTrue(firehose.kinesis.calls("DescribeStreamSummary") >= 1);
  }
}

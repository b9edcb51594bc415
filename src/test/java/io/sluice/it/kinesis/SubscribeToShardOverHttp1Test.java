package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.JsonCodec;
import io.sluice.testing.Engine;
import io.sluice.testing.RawEventStream;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.eventstream.Message;

/**
 * SubscribeToShard over HTTP/1.1 (a client that forces it), read frame by frame: the initial
 * response, then events whose payloads are in the request's format, JSON or CBOR.
 */
class SubscribeToShardOverHttp1Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = JsonCodec.cbor();

  private static String header(Message m, String name) {
    var v = m.getHeaders().get(name);
    return v == null ? null : v.getString();
  }

  @Test
  void eventsComeInTheRequestsFormatOverHttp1() throws Exception {
    ManualClock clock = new ManualClock(System.currentTimeMillis());
    try (TestSluice node = TestSluice.start(Engine.MEMORY, clock, Map.of());
         KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(node.endpoint())
             .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
             .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build()) {
      // Given an ACTIVE consumer of a stream holding one record
      String stream = TestSluice.uniqueName("efo-h1");
      Consumer consumer = EnhancedFanOutTest.streamWithConsumer(kinesis, stream, () -> clock.advanceSeconds(1));
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("plain")))
          .get(10, TimeUnit.SECONDS);
      Map<String, Object> request = Map.of("ConsumerARN", consumer.consumerARN(), "ShardId", "shardId-000000000000",
          "StartingPosition", Map.of("Type", "TRIM_HORIZON"));

      // When it subscribes over HTTP/1.1 in JSON, and (5 s later, as AWS requires) in CBOR
      JsonNode jsonEvent;
      String jsonType;
      try (RawEventStream json = RawEventStream.post(node.port(), Map.of("Content-Type",
          "application/x-amz-json-1.1", "X-Amz-Target", "Kinesis_20131202.SubscribeToShard"),
          JSON.writeValueAsBytes(request))) {
        assertEquals("initial-response", header(json.next(), ":event-type"));
        Message event = json.next();
        jsonType = header(event, ":event-type") + " " + header(event, ":content-type");
        jsonEvent = JSON.readTree(event.getPayload());
      }
      clock.advanceSeconds(5);
      JsonNode cborEvent;
      String cborType;
      try (RawEventStream cbor = RawEventStream.post(node.port(), Map.of("Content-Type",
          "application/x-amz-cbor-1.1", "X-Amz-Target", "Kinesis_20131202.SubscribeToShard"),
          CBOR.writeValueAsBytes(request))) {
        assertEquals("initial-response", header(cbor.next(), ":event-type"));
        Message event = cbor.next();
        cborType = header(event, ":event-type") + " " + header(event, ":content-type");
        cborEvent = CBOR.readTree(event.getPayload());
      }

      // Then each has the record, data as base64 text in JSON and as bytes in CBOR
      assertEquals("SubscribeToShardEvent application/json", jsonType);
      assertEquals("plain", new String(jsonEvent.get("Records").get(0).get("Data").binaryValue(),
          StandardCharsets.UTF_8));
      assertEquals("SubscribeToShardEvent application/cbor", cborType);
      assertEquals("plain", new String(cborEvent.get("Records").get(0).get("Data").binaryValue(),
          StandardCharsets.UTF_8));
      assertEquals(true, cborEvent.get("Records").get(0).get("Data").isBinary());
    }
  }
}

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

  /** Subscribes over HTTP/1.1 with {@code request} in {@code contentType}; the event after the initial response. */
  private static Message firstEvent(int port, String contentType, ObjectMapper mapper, Map<String, Object> request)
      throws Exception {
    try (RawEventStream stream = RawEventStream.post(port, Map.of("Content-Type", contentType,
        "X-Amz-Target", "Kinesis_20131202.SubscribeToShard"), mapper.writeValueAsBytes(request))) {
      assertEquals("initial-response", header(stream.next(), ":event-type"));
      return stream.next();
    }
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
      Message json = firstEvent(node.port(), "application/x-amz-json-1.1", JSON, request);
      clock.advanceSeconds(5);
      Message cbor = firstEvent(node.port(), "application/x-amz-cbor-1.1", CBOR, request);
      JsonNode jsonEvent = JSON.readTree(json.getPayload());
      JsonNode cborEvent = CBOR.readTree(cbor.getPayload());

      // Then each has the record, data as base64 text in JSON and as bytes in CBOR
      assertEquals("SubscribeToShardEvent application/json",
          header(json, ":event-type") + " " + header(json, ":content-type"));
      assertEquals("plain", new String(jsonEvent.get("Records").get(0).get("Data").binaryValue(),
          StandardCharsets.UTF_8));
      assertEquals("SubscribeToShardEvent application/cbor",
          header(cbor, ":event-type") + " " + header(cbor, ":content-type"));
      assertEquals("plain", new String(cborEvent.get("Records").get(0).get("Data").binaryValue(),
          StandardCharsets.UTF_8));
      assertEquals(true, cborEvent.get("Records").get(0).get("Data").isBinary());
    }
  }
}

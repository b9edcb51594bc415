package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore, JSON 1.1) against a node: create-delivery-stream, describe-delivery-stream
 * and put-record. Skipped without {@code aws}.
 */
class FirehoseCliTest {
  private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, CLOCK, Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void theCliCreatesADeliveryStreamDescribesItAndPutsARecord() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    String stream = TestSluice.uniqueName("cli");

    JsonNode created = cli("firehose", "create-delivery-stream", "--delivery-stream-name", stream,
        "--http-endpoint-destination-configuration", "{\"EndpointConfiguration\":{\"Url\":\"https://example.com/in\"},"
            + "\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/f\","
            + "\"BucketARN\":\"arn:aws:s3:::backup\"}}");
    CLOCK.advanceSeconds(1);
    JsonNode described = cli("firehose", "describe-delivery-stream", "--delivery-stream-name", stream);
    // The CLI v1 installed here sends --record Data as given (base64 on the wire)
    JsonNode put = cli("firehose", "put-record", "--delivery-stream-name", stream, "--record", "Data=aGVsbG8=");

    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream,
        created.get("DeliveryStreamARN").asText());
    JsonNode d = described.get("DeliveryStreamDescription");
    assertEquals("ACTIVE", d.get("DeliveryStreamStatus").asText());
    JsonNode http = d.at("/Destinations/0/HttpEndpointDestinationDescription");
    assertEquals("https://example.com/in", http.at("/EndpointConfiguration/Url").asText());
    assertEquals("FailedDataOnly", http.get("S3BackupMode").asText());
    assertEquals(49, put.get("RecordId").asText().length());
    assertEquals(false, put.get("Encrypted").asBoolean());
  }

  private static JsonNode cli(String... args) throws IOException, InterruptedException {
    return AwsCli.run(node.endpoint(), args);
  }
}

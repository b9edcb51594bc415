package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore, which speaks JSON 1.1 to Kinesis) against a node: create-stream,
 * describe-stream-summary, put-record, get-shard-iterator and get-records. Skipped without {@code aws}.
 */
class KinesisCliTest {
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
  void theCliCreatesAStreamPutsARecordAndReadsItBack() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    String stream = TestSluice.uniqueName("cli");

    cli("kinesis", "create-stream", "--stream-name", stream, "--shard-count", "1");
    CLOCK.advanceSeconds(1);
    JsonNode summary = cli("kinesis", "describe-stream-summary", "--stream-name", stream);
    // The CLI v1 installed here sends --data as raw bytes (base64 on the wire)
    JsonNode put = cli("kinesis", "put-record", "--stream-name", stream, "--partition-key", "pk", "--data", "hello");
    JsonNode iterator = cli("kinesis", "get-shard-iterator", "--stream-name", stream, "--shard-id",
        put.get("ShardId").asText(), "--shard-iterator-type", "TRIM_HORIZON");
    JsonNode records = cli("kinesis", "get-records", "--shard-iterator", iterator.get("ShardIterator").asText());

    assertEquals("ACTIVE", summary.get("StreamDescriptionSummary").get("StreamStatus").asText());
    assertEquals(1, records.get("Records").size());
    JsonNode record = records.get("Records").get(0);
    assertEquals(put.get("SequenceNumber").asText(), record.get("SequenceNumber").asText());
    assertEquals("hello", new String(Base64.getDecoder().decode(record.get("Data").asText()), StandardCharsets.UTF_8));
    assertEquals("pk", record.get("PartitionKey").asText());
  }

  private static JsonNode cli(String... args) throws IOException, InterruptedException {
    return AwsCli.run(node.endpoint(), args);
  }
}

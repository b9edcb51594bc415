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
 * describe-stream-summary, put-record, get-shard-iterator, get-records, split-shard,
 * update-shard-count and list-shards with a shard filter. Skipped without {@code aws}.
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

  @Test
  void theCliSplitsAShardScalesTheStreamAndListsShardsByFilter() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    String stream = TestSluice.uniqueName("cli-reshard");
    cli("kinesis", "create-stream", "--stream-name", stream, "--shard-count", "1");
    CLOCK.advanceSeconds(1);

    cli("kinesis", "split-shard", "--stream-name", stream, "--shard-to-split", "shardId-000000000000",
        "--new-starting-hash-key", "170141183460469231731687303715884105728");
    CLOCK.advanceSeconds(1);
    JsonNode scaled = cli("kinesis", "update-shard-count", "--stream-name", stream, "--target-shard-count", "3",
        "--scaling-type", "UNIFORM_SCALING");
    CLOCK.advanceSeconds(1);
    JsonNode open = cli("kinesis", "list-shards", "--stream-name", stream, "--shard-filter", "Type=AT_LATEST");
    JsonNode first = cli("kinesis", "list-shards", "--stream-name", stream, "--shard-filter", "Type=AT_TRIM_HORIZON");

    assertEquals(2, scaled.get("CurrentShardCount").asInt());
    assertEquals(3, scaled.get("TargetShardCount").asInt());
    assertEquals(stream, scaled.get("StreamName").asText());
    assertEquals(3, open.get("Shards").size());
    for (JsonNode shard : open.get("Shards")) {
      assertEquals(false, shard.get("SequenceNumberRange").has("EndingSequenceNumber"));
    }
    assertEquals(1, first.get("Shards").size());
    assertEquals("shardId-000000000000", first.get("Shards").get(0).get("ShardId").asText());
  }

  private static JsonNode cli(String... args) throws IOException, InterruptedException {
    return AwsCli.run(node.endpoint(), args);
  }
}

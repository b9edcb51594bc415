package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Boto3;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * boto3 (botocore's JSON 1.1) against a node on each engine, on the system clock so that its waiters
 * see a stream go CREATING → ACTIVE and DELETING → gone: the control plane (create, the
 * {@code stream_exists} and {@code stream_not_exists} waiters, describe, summary, list, tags,
 * retention, encryption, delete) and the data plane (put_record, put_records, get_shard_iterator,
 * get_records). The script prints what it saw as JSON; the checks are here. Skipped without boto3.
 */
class Boto3KinesisTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  /** The script: argv endpoint, stream name; prints one JSON object of observations. */
  private static final String SCRIPT = """
      import base64, json, sys
      import boto3
      from botocore.exceptions import ClientError

      endpoint, stream = sys.argv[1], sys.argv[2]
      k = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
      fast = {"Delay": 1, "MaxAttempts": 30}
      out = {}

      def error_code(call, **kwargs):
          try:
              call(**kwargs)
              return None
          except ClientError as e:
              return e.response["Error"]["Code"]

      k.create_stream(StreamName=stream, ShardCount=2)
      out["statusAfterCreate"] = k.describe_stream(StreamName=stream)["StreamDescription"]["StreamStatus"]
      k.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig=fast)
      d = k.describe_stream(StreamName=stream)["StreamDescription"]
      out["status"] = d["StreamStatus"]
      out["arn"] = d["StreamARN"]
      out["shards"] = [s["ShardId"] for s in d["Shards"]]
      out["retention"] = d["RetentionPeriodHours"]
      out["openShards"] = k.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]["OpenShardCount"]
      out["listed"] = stream in k.list_streams()["StreamNames"]
      out["duplicateCreate"] = error_code(k.create_stream, StreamName=stream, ShardCount=1)

      k.add_tags_to_stream(StreamName=stream, Tags={"team": "data", "env": "test"})
      out["tags"] = {t["Key"]: t["Value"] for t in k.list_tags_for_stream(StreamName=stream)["Tags"]}
      k.remove_tags_from_stream(StreamName=stream, TagKeys=["env"])
      out["tagsAfterRemove"] = {t["Key"]: t["Value"] for t in k.list_tags_for_stream(StreamName=stream)["Tags"]}

      k.increase_stream_retention_period(StreamName=stream, RetentionPeriodHours=48)
      k.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig=fast)
      out["retentionIncreased"] = k.describe_stream_summary(StreamName=stream)[
          "StreamDescriptionSummary"]["RetentionPeriodHours"]
      out["retentionTooLow"] = error_code(k.decrease_stream_retention_period, StreamName=stream,
                                          RetentionPeriodHours=12)
      k.decrease_stream_retention_period(StreamName=stream, RetentionPeriodHours=24)
      k.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig=fast)
      out["retentionDecreased"] = k.describe_stream_summary(StreamName=stream)[
          "StreamDescriptionSummary"]["RetentionPeriodHours"]

      put = k.put_record(StreamName=stream, Data=b"hello", PartitionKey="pk-0")
      out["put"] = {"shard": put["ShardId"], "sequence": put["SequenceNumber"]}
      batch = k.put_records(StreamName=stream, Records=[
          {"Data": ("record-%d" % i).encode(), "PartitionKey": "pk-%d" % i} for i in range(1, 11)])
      out["batchFailed"] = batch["FailedRecordCount"]
      out["batch"] = [{"shard": r.get("ShardId"), "sequence": r.get("SequenceNumber")} for r in batch["Records"]]

      k.start_stream_encryption(StreamName=stream, EncryptionType="KMS", KeyId="alias/aws/kinesis")
      k.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig=fast)
      summary = k.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
      out["encryption"] = [summary.get("EncryptionType"), summary.get("KeyId")]
      sealed = k.put_record(StreamName=stream, Data=b"sealed", PartitionKey="pk-sealed")
      out["sealed"] = {"shard": sealed["ShardId"], "sequence": sealed["SequenceNumber"]}
      k.stop_stream_encryption(StreamName=stream, EncryptionType="KMS", KeyId="alias/aws/kinesis")
      k.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig=fast)
      out["encryptionAfterStop"] = k.describe_stream_summary(StreamName=stream)[
          "StreamDescriptionSummary"].get("EncryptionType")

      read = {}
      for shard in out["shards"]:
          it = k.get_shard_iterator(StreamName=stream, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
          got = k.get_records(ShardIterator=it, Limit=100)
          read[shard] = {
              "records": [{"sequence": r["SequenceNumber"], "key": r["PartitionKey"], "data": r["Data"].decode()}
                          for r in got["Records"]],
              "millisBehind": got["MillisBehindLatest"],
              "hasNext": got.get("NextShardIterator") is not None,
          }
      out["read"] = read
      at = k.get_shard_iterator(StreamName=stream, ShardId=put["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                StartingSequenceNumber=put["SequenceNumber"])["ShardIterator"]
      out["atSequence"] = k.get_records(ShardIterator=at, Limit=1)["Records"][0]["Data"].decode()
      out["wrongShard"] = error_code(k.get_shard_iterator, StreamName=stream, ShardId="shardId-000000000009",
                                     ShardIteratorType="TRIM_HORIZON")

      k.delete_stream(StreamName=stream)
      k.get_waiter("stream_not_exists").wait(StreamName=stream, WaiterConfig=fast)
      out["afterDelete"] = error_code(k.describe_stream, StreamName=stream)
      out["listedAfterDelete"] = stream in k.list_streams()["StreamNames"]
      print(json.dumps(out))
      """;

  @AfterAll
  static void stop() {
    synchronized (NODES) {
      NODES.values().forEach(TestSluice::close);
      NODES.clear();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void boto3ManagesAStreamWithItsWaitersAndReadsBackWhatItPut(Engine engine) throws Exception {
    assumeTrue(Boto3.available(), "python3 with boto3 is not available");
    String stream = TestSluice.uniqueName("boto3-" + engine.name().toLowerCase());

    JsonNode seen = runScript(node(engine), stream);

    assertEquals("CREATING", seen.get("statusAfterCreate").asText());
    assertEquals("ACTIVE", seen.get("status").asText());
    assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream, seen.get("arn").asText());
    assertEquals(List.of("shardId-000000000000", "shardId-000000000001"), texts(seen.get("shards")));
    assertEquals(24, seen.get("retention").asInt());
    assertEquals(2, seen.get("openShards").asInt());
    assertTrue(seen.get("listed").asBoolean());
    assertEquals("ResourceInUseException", seen.get("duplicateCreate").asText());

    assertEquals(Map.of("team", "data", "env", "test"), JSON.convertValue(seen.get("tags"), Map.class));
    assertEquals(Map.of("team", "data"), JSON.convertValue(seen.get("tagsAfterRemove"), Map.class));
    assertEquals(48, seen.get("retentionIncreased").asInt());
    assertEquals("InvalidArgumentException", seen.get("retentionTooLow").asText());
    assertEquals(24, seen.get("retentionDecreased").asInt());
    assertEquals(List.of("KMS", "alias/aws/kinesis"), texts(seen.get("encryption")));
    assertEquals("NONE", seen.get("encryptionAfterStop").asText());

    assertEquals(0, seen.get("batchFailed").asInt());
    assertEquals(10, seen.get("batch").size());
    // Every acknowledged put is read back from the shard it was put to, in sequence order per shard.
    Map<String, List<String>> expected = new java.util.TreeMap<>();
    List<JsonNode> puts = new ArrayList<>();
    puts.add(seen.get("put"));
    seen.get("batch").forEach(puts::add);
    puts.add(seen.get("sealed"));
    for (JsonNode p : puts) {
      expected.computeIfAbsent(p.get("shard").asText(), s -> new ArrayList<>()).add(p.get("sequence").asText());
    }
    int total = 0;
    for (Map.Entry<String, List<String>> shard : expected.entrySet()) {
      JsonNode read = seen.get("read").get(shard.getKey());
      List<String> sequences = new ArrayList<>();
      read.get("records").forEach(r -> sequences.add(r.get("sequence").asText()));
      assertEquals(shard.getValue(), sequences, "records of " + shard.getKey());
      assertEquals(0, read.get("millisBehind").asLong());
      assertTrue(read.get("hasNext").asBoolean());
      total += sequences.size();
    }
    assertEquals(12, total);
    Map<String, String> dataByKey = new java.util.HashMap<>();
    seen.get("read").forEach(shard -> shard.get("records")
        .forEach(r -> dataByKey.put(r.get("key").asText(), r.get("data").asText())));
    assertEquals("hello", dataByKey.get("pk-0"));
    assertEquals("record-7", dataByKey.get("pk-7"));
    assertEquals("sealed", dataByKey.get("pk-sealed"));
    assertEquals("hello", seen.get("atSequence").asText());
    assertEquals("ResourceNotFoundException", seen.get("wrongShard").asText());

    assertEquals("ResourceNotFoundException", seen.get("afterDelete").asText());
    assertTrue(!seen.get("listedAfterDelete").asBoolean());
  }

  /** A node on {@code engine} on the system clock, shared by the class. */
  private static TestSluice node(Engine engine) {
    synchronized (NODES) {
      return NODES.computeIfAbsent(engine, e -> TestSluice.start(e, InstantSource.system(), Map.of()));
    }
  }

  private static JsonNode runScript(TestSluice node, String stream) throws IOException, InterruptedException {
    return Boto3.run(SCRIPT, node.endpoint().toString(), stream);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

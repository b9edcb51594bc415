package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A node killed with kill -9 loses no record it acknowledged: every record whose PutRecord or
 * PutRecords succeeded is read, with its sequence number, through a new node on the same Redis.
 */
class KinesisKillNineTest {
  private static final int SINGLE = 50;
  private static final int BATCHES = 5;
  private static final int BATCH = 20;
  private static final int SHARDS = 3;

  @Test
  void recordsAcknowledgedBeforeKillNineAreReadThroughTheNextNode() {
    Map<String, String> env = Map.of("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("kinesis-kill9"),
        "SLUICE_KINESIS_CREATE_DELAY_MS", "0");
    String stream = TestSluice.uniqueName("durable");
    Map<String, String> acknowledged = new HashMap<>();

    // Given records acknowledged by a Redis-backed node, one by one and in batches, and the node killed
    try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env);
         KinesisClient kinesis = KinesisTesting.client(first.endpoint(), true)) {
      kinesis.createStream(r -> r.streamName(stream).shardCount(SHARDS));
      for (int i = 0; i < SINGLE; i++) {
        String data = "single-" + i;
        acknowledged.put(kinesis.putRecord(r -> r.streamName(stream).partitionKey(data)
            .data(SdkBytes.fromUtf8String(data))).sequenceNumber(), data);
      }
      for (int b = 0; b < BATCHES; b++) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          String data = "batch-" + b + "-" + i;
          entries.add(PutRecordsRequestEntry.builder().partitionKey(data).data(SdkBytes.fromUtf8String(data)).build());
        }
        List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName(stream).records(entries)).records();
        for (int i = 0; i < BATCH; i++) {
          acknowledged.put(results.get(i).sequenceNumber(), entries.get(i).data().asUtf8String());
        }
      }
      first.kill();
    }

    // When a new node starts on the same Redis and reads every shard from its start
    Map<String, String> read = new HashMap<>();
    try (SluiceProcess second = SluiceProcess.start(Engine.REDIS, env);
         KinesisClient kinesis = KinesisTesting.client(second.endpoint(), false)) {
      for (int shard = 0; shard < SHARDS; shard++) {
        String shardId = String.format("shardId-%012d", shard);
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse records = kinesis.getRecords(r -> r.shardIterator(iterator));
        for (Record record : records.records()) {
          read.put(record.sequenceNumber(), record.data().asUtf8String());
        }
      }
    }

    // Then every acknowledged record is there under its sequence number, and nothing else
    assertEquals(SINGLE + BATCHES * BATCH, acknowledged.size());
    assertEquals(acknowledged, read);
  }
}

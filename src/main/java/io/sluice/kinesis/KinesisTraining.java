package io.sluice.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.WireProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kinesis's part of the ahead-of-time training run: a stream's life, the data plane in CBOR (the
 * Java SDK's default) and JSON (boto3, the CLI), and enhanced fan-out (register a consumer,
 * {@code SubscribeToShard} read up to its first records, deregister). Each answer is checked, so a
 * training that stopped exercising a path fails the build instead of training less.
 */
final class KinesisTraining {
  private static final int ROUNDS = 20;
  private static final int SUBSCRIPTIONS = 3;
  private static final String STREAM = "sluice-training";
  private static final String JSON = WireProtocol.JSON_1_1.contentType();
  private static final String CBOR = WireProtocol.CBOR_1_1.contentType();

  private final TrainingClient client;
  private final ObjectMapper json = JsonCodec.json();
  private final ObjectMapper cbor = JsonCodec.cbor();

  private KinesisTraining(TrainingClient client) {
    this.client = client;
  }

  static void drive(TrainingClient client) throws Exception {
    new KinesisTraining(client).run();
  }

  private void run() throws Exception {
    json("CreateStream", Map.of("StreamName", STREAM, "ShardCount", 2));
    String streamArn = awaitActive();
    json("ListShards", Map.of("StreamName", STREAM));
    json("ListStreams", Map.of());
    byte[] data = "training".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < ROUNDS; round++) {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        entries.add(Map.of("Data", data, "PartitionKey", "key-" + i));
      }
      expect(cbor("PutRecord", Map.of("StreamName", STREAM, "PartitionKey", "p" + round, "Data", data)),
          "SequenceNumber");
      expect(cbor("PutRecords", Map.of("StreamName", STREAM, "Records", entries)), "Records");
      expect(json("PutRecord", Map.of("StreamName", STREAM, "PartitionKey", "j" + round, "Data",
          java.util.Base64.getEncoder().encodeToString(data))), "SequenceNumber");
      expect(json("PutRecords", Map.of("StreamName", STREAM, "Records", entries.stream()
          .map(e -> Map.of("Data", java.util.Base64.getEncoder().encodeToString(data), "PartitionKey",
              e.get("PartitionKey"))).toList())), "Records");
      for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
        Map<String, Object> start = Map.of("StreamName", STREAM, "ShardId", shard,
            "ShardIteratorType", "TRIM_HORIZON");
        records(cbor("GetRecords", Map.of("ShardIterator", expect(cbor("GetShardIterator", start),
            "ShardIterator").asText(), "Limit", 1000)));
        records(json("GetRecords", Map.of("ShardIterator", expect(json("GetShardIterator", start),
            "ShardIterator").asText())));
      }
      json("DescribeStreamSummary", Map.of("StreamName", STREAM));
    }
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      subscribe(streamArn, "training-consumer-" + i);
    }
    json("DeleteStream", Map.of("StreamName", STREAM, "EnforceConsumerDeletion", true));
  }

  /** Registers a consumer, reads its subscription to shard 0 up to the first event, deregisters it. */
  private void subscribe(String streamArn, String name) throws Exception {
    String consumerArn = expect(json("RegisterStreamConsumer", Map.of("StreamARN", streamArn, "ConsumerName", name)),
        "Consumer").path("ConsumerARN").asText();
    for (int i = 0; i < 200 && !json("DescribeStreamConsumer", Map.of("ConsumerARN", consumerArn))
        .path("ConsumerDescription").path("ConsumerStatus").asText().equals("ACTIVE"); i++) {
      Thread.sleep(20);
    }
    json("ListStreamConsumers", Map.of("StreamARN", streamArn));
    // The Java SDK sends SubscribeToShard as JSON even where it speaks CBOR otherwise.
    byte[] events = client.eventStream(JSON, target("SubscribeToShard"), json.writeValueAsString(Map.of(
        "ConsumerARN", consumerArn, "ShardId", "shardId-000000000000",
        "StartingPosition", Map.of("Type", "TRIM_HORIZON"))), 2);
    if (!new String(events, StandardCharsets.ISO_8859_1).contains("SubscribeToShardEvent")) {
      throw new IllegalStateException("SubscribeToShard answered no event");
    }
    json("DeregisterStreamConsumer", Map.of("ConsumerARN", consumerArn));
  }

  /** Waits until the training stream is ACTIVE; its ARN. */
  private String awaitActive() throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode summary = json("DescribeStreamSummary", Map.of("StreamName", STREAM)).path("StreamDescriptionSummary");
      if (summary.path("StreamStatus").asText().equals("ACTIVE")) {
        return summary.path("StreamARN").asText();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the training stream did not become ACTIVE");
  }

  private static void records(JsonNode answer) {
    if (expect(answer, "Records").isEmpty()) {
      throw new IllegalStateException("GetRecords answered no records: " + answer);
    }
  }

  /** {@code answer}'s member {@code name}, which must be there. */
  private static JsonNode expect(JsonNode answer, String name) {
    JsonNode member = answer.get(name);
    if (member == null) {
      throw new IllegalStateException("the answer has no " + name + ": " + answer);
    }
    return member;
  }

  private JsonNode json(String action, Map<String, ?> body) throws Exception {
    return json.readTree(client.json(JSON, target(action), json.writeValueAsString(body)));
  }

  private JsonNode cbor(String action, Map<String, ?> body) throws Exception {
    return cbor.readTree(client.binary(CBOR, target(action), cbor.writeValueAsBytes(body)));
  }

  private static String target(String action) {
    return KinesisApi.DEFINITION.jsonTargetPrefix() + "." + action;
  }
}

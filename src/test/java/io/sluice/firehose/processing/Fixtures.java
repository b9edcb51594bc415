package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Streams, destinations and records for processing tests. */
final class Fixtures {
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:transform";
  static final DeliveryStreamRecord STREAM = new DeliveryStreamRecord(
      new DeliveryStreamId("us-east-1", "000000000000", "orders"), "DirectPut", 1L, 1L, 1, 1L, List.of(), null, null,
      null, Map.of(), 1, null);

  private Fixtures() {}

  static Destination destination(String kind, String json) {
    return new Destination("destinationId-000000000001", kind, (ObjectNode) json(json));
  }

  static JsonNode json(String json) {
    try {
      return JsonCodec.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(byte[] json) {
    try {
      return JsonCodec.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedRecord record(String id, long arrival, String data) {
    return new BufferedRecord(id, arrival, data.getBytes(StandardCharsets.UTF_8));
  }

  static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** A Lambda processor with {@code extra} parameters (JSON members of the Parameters array, with a leading comma). */
  static String lambda(String extra) {
    return "{\"Type\":\"Lambda\",\"Parameters\":[{\"ParameterName\":\"LambdaArn\",\"ParameterValue\":\"" + FUNCTION
        + "\"}" + extra + "]}";
  }

  static String query(String jq) {
    return "{\"Type\":\"MetadataExtraction\",\"Parameters\":[{\"ParameterName\":\"MetadataExtractionQuery\","
        + "\"ParameterValue\":" + JsonCodec.json().valueToTree(jq) + "},{\"ParameterName\":\"JsonParsingEngine\","
        + "\"ParameterValue\":\"JQ-1.6\"}]}";
  }

  /** An ExtendedS3 configuration with dynamic partitioning, {@code prefix} and {@code processors}. */
  static String partitioned(String prefix, String... processors) {
    return "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\",\"BucketARN\":\"arn:aws:s3:::bucket\","
        + "\"BufferingHints\":{\"SizeInMBs\":64,\"IntervalInSeconds\":60},\"Prefix\":\"" + prefix + "\","
        + "\"ErrorOutputPrefix\":\"errors/!{firehose:error-output-type}/\","
        + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true},"
        + "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[" + String.join(",", processors) + "]}}";
  }
}

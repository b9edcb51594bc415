package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.lambda.LambdaInvocationException;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transformation function's answer, checked against the invocation as Firehose checks it
 * (developer guide, "Required parameters for data transformation"; error codes from "Lambda
 * invocation errors"): {@code {"records":[{"recordId","result","data","metadata":{"partitionKeys":{…}}}]}}
 * with every record id of the invocation exactly once and nothing else. Any breach fails the whole
 * invocation with a {@link LambdaInvocationException}: {@code Lambda.DuplicatedRecordId},
 * {@code Lambda.MissingRecordId}, else {@code Lambda.JsonProcessingException}.
 */
final class TransformationResponse {
  private static final Set<String> RESULTS = Set.of("Ok", "Dropped", "ProcessingFailed");

  /** One record's outcome: its result, its data (base64-decoded; empty if absent) and the function's partition keys. */
  record Outcome(String result, byte[] data, Map<String, String> partitionKeys) {}

  private TransformationResponse() {}

  /** The outcome of each of {@code recordIds}, by id, read from {@code body}. */
  static Map<String, Outcome> parse(byte[] body, List<String> recordIds) {
    JsonNode root;
    try {
      root = JsonCodec.json().readTree(body);
    } catch (IOException e) {
      throw invalid("the response is not JSON");
    }
    if (root == null || !root.path("records").isArray()) {
      throw invalid("the response has no records array");
    }
    Set<String> expected = Set.copyOf(recordIds);
    Map<String, Outcome> outcomes = new HashMap<>();
    for (JsonNode r : root.path("records")) {
      String id = r.path("recordId").isTextual() ? r.path("recordId").asText() : null;
      String result = r.path("result").asText(null);
      if (id == null || result == null || !RESULTS.contains(result)) {
        throw invalid("a record lacks recordId or has a result other than Ok, Dropped or ProcessingFailed");
      }
      if (outcomes.containsKey(id)) {
        throw new LambdaInvocationException("Lambda.DuplicatedRecordId", "Multiple records were returned with the "
            + "same record ID. Ensure that the Lambda function returns unique record IDs for each record.");
      }
      outcomes.put(id, new Outcome(result, data(r, result), partitionKeys(r)));
    }
    if (!outcomes.keySet().containsAll(expected)) {
      throw new LambdaInvocationException("Lambda.MissingRecordId", "One or more record IDs were not returned. "
          + "Ensure that the Lambda function returns all received record IDs.");
    }
    if (outcomes.size() != expected.size()) {
      throw invalid("a returned record ID was not in the invocation");
    }
    return outcomes;
  }

  private static byte[] data(JsonNode r, String result) {
    JsonNode data = r.get("data");
    if (data == null || data.isNull()) {
      if ("Ok".equals(result)) {
        throw invalid("a record with result Ok has no data");
      }
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(data.asText());
    } catch (IllegalArgumentException e) {
      throw invalid("a record's data is not base64");
    }
  }

  private static Map<String, String> partitionKeys(JsonNode r) {
    JsonNode keys = r.path("metadata").path("partitionKeys");
    if (keys.isMissingNode() || keys.isNull()) {
      return Map.of();
    }
    if (!keys.isObject()) {
      throw invalid("metadata.partitionKeys is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = keys.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getValue().isValueNode() || f.getValue().isNull()) {
        throw invalid("partition key " + f.getKey() + " is not a string");
      }
      out.put(f.getKey(), f.getValue().asText());
    }
    return out;
  }

  private static LambdaInvocationException invalid(String why) {
    return new LambdaInvocationException("Lambda.JsonProcessingException", "There was an error parsing returned "
        + "records from the Lambda function (" + why + "). Ensure that the returned records follow the status "
        + "model required by Amazon Data Firehose.");
  }
}

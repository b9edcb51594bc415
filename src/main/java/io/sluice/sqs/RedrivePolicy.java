package io.sluice.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sqs.model.QueueId;

/** A queue's RedrivePolicy: where messages go after {@code maxReceiveCount} receives. */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

  /** Parses and checks the attribute's JSON; InvalidParameterValue with AWS's reasons. */
  public static RedrivePolicy parse(String json) {
    JsonNode node;
    try {
      node = JsonCodec.json().readTree(json);
    } catch (java.io.IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid(json, "Redrive policy is not a valid JSON map.");
    }
    JsonNode arn = node.get("deadLetterTargetArn");
    JsonNode max = node.get("maxReceiveCount");
    if (arn == null || max == null) {
      throw invalid(json, "Redrive policy does not contain mandatory attribute: "
          + (arn == null ? "deadLetterTargetArn" : "maxReceiveCount") + ".");
    }
    if (QueueId.fromArn(arn.asText()) == null) {
      throw invalid(json, "Invalid value for deadLetterTargetArn.");
    }
    int count;
    try {
      count = max.isNumber() ? max.asInt() : Integer.parseInt(max.asText().trim());
    } catch (NumberFormatException e) {
      throw invalid(json, "Invalid value for maxReceiveCount: " + max.asText()
          + ", valid values are from 1 to 1000 both inclusive.");
    }
    if (count < 1 || count > 1000) {
      throw invalid(json, "Invalid value for maxReceiveCount: " + count
          + ", valid values are from 1 to 1000 both inclusive.");
    }
    return new RedrivePolicy(arn.asText(), count);
  }

  public QueueId target() {
    return QueueId.fromArn(deadLetterTargetArn);
  }

  /** The normalised form GetQueueAttributes returns. */
  public String toJson() {
    return JsonCodec.json().createObjectNode()
        .put("deadLetterTargetArn", deadLetterTargetArn)
        .put("maxReceiveCount", maxReceiveCount)
        .toString();
  }

  private static AwsException invalid(String json, String reason) {
    return AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, json, reason);
  }
}

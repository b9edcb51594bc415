package io.sluice.sqs.op;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.model.QueueId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits a queue's Policy document the way AddPermission and RemovePermission do: one statement per
 * label ({@code Sid}), granting {@code SQS:<Action>} on the queue's ARN to account principals
 * {@code arn:aws:iam::<account>:root}, within the limits of "Amazon SQS policy quotas" (20 statements,
 * 50 principals, 7 actions per statement, 8,192 bytes; beyond them OverLimit). A single principal or
 * action is written as a string, several as a list. Statements set by SetQueueAttributes are kept.
 */
final class QueuePolicy {
  static final int MAX_STATEMENTS = 20;
  static final int MAX_PRINCIPALS = 50;
  static final int MAX_ACTIONS = 7;
  static final int MAX_BYTES = 8192;

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private QueuePolicy() {}

  /** A permission label: up to 80 letters, digits, hyphens and underscores (MissingParameter if absent). */
  static String validLabel(String label) {
    if (label == null || label.isEmpty()) {
      throw AwsException.missingParameter("Label");
    }
    if (!LABEL.matcher(label).matches()) {
      throw AwsException.invalidParameter("Label", label,
          "Up to 80 alphanumeric characters, hyphens (-) or underscores (_) are allowed.");
    }
    return label;
  }

  /** {@code policy} (null for none) with a statement added; InvalidParameterValue if the label is taken. */
  static String withStatement(String policy, QueueId queue, String label, List<String> accounts, List<String> actions) {
    ObjectNode doc = policy == null ? newPolicy(queue) : parse(policy);
    ArrayNode statements = statements(doc);
    for (JsonNode s : statements) {
      if (label.equals(s.path("Sid").asText(null))) {
        throw AwsException.invalidParameter("Label", label, "Already exists.");
      }
    }
    if (statements.size() >= MAX_STATEMENTS) {
      throw AwsException.of(SqsError.OverLimit, "%d statements were found, maximum allowed is %d.",
          statements.size() + 1, MAX_STATEMENTS);
    }
    ObjectNode statement = statements.addObject();
    statement.put("Sid", label);
    statement.put("Effect", "Allow");
    ObjectNode principal = statement.putObject("Principal");
    putOneOrMany(principal, "AWS", accounts.stream().map(a -> "arn:aws:iam::" + a + ":root").toList());
    putOneOrMany(statement, "Action", actions.stream().map(a -> "SQS:" + a).toList());
    statement.put("Resource", queue.arn());
    String out = doc.toString();
    if (out.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw AwsException.of(SqsError.OverLimit, "The policy would exceed %d bytes.", MAX_BYTES);
    }
    return out;
  }

  /**
   * {@code policy} without the statement labelled {@code label}, or null when no statement is left;
   * InvalidParameterValue if there is no such statement.
   */
  static String withoutStatement(String policy, String label) {
    if (policy == null) {
      throw notFound(label);
    }
    ObjectNode doc = parse(policy);
    ArrayNode statements = statements(doc);
    for (int i = 0; i < statements.size(); i++) {
      if (label.equals(statements.get(i).path("Sid").asText(null))) {
        statements.remove(i);
        return statements.isEmpty() ? null : doc.toString();
      }
    }
    throw notFound(label);
  }

  private static ObjectNode newPolicy(QueueId queue) {
    ObjectNode doc = JsonCodec.json().createObjectNode();
    doc.put("Version", "2012-10-17");
    doc.put("Id", queue.arn() + "/SQSDefaultPolicy");
    doc.putArray("Statement");
    return doc;
  }

  /** The Statement list of {@code doc}, made a list if it was a single statement. */
  private static ArrayNode statements(ObjectNode doc) {
    JsonNode s = doc.get("Statement");
    if (s instanceof ArrayNode list) {
      return list;
    }
    ArrayNode list = doc.putArray("Statement");
    if (s != null && s.isObject()) {
      list.add(s);
    }
    return list;
  }

  private static void putOneOrMany(ObjectNode node, String field, List<String> values) {
    if (values.size() == 1) {
      node.put(field, values.get(0));
    } else {
      ArrayNode list = node.putArray(field);
      values.forEach(list::add);
    }
  }

  private static ObjectNode parse(String policy) {
    try {
      return (ObjectNode) JsonCodec.json().readTree(policy);
    } catch (IOException | ClassCastException e) {
      // Stored policies were validated as JSON objects when set.
      throw new IllegalStateException("stored Policy is not a JSON object", e);
    }
  }

  private static AwsException notFound(String label) {
    return AwsException.invalidParameter("Label", label, "can't find label on existing policy.");
  }
}

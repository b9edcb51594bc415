package io.sluice.sqs.op;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.model.QueueId;
import io.sluice.storage.RecordChange.ElementEdit;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits a queue's Policy document the way AddPermission and RemovePermission do: one statement per
 * label ({@code Sid}), granting {@code SQS:<Action>} on the queue's ARN to account principals
 * {@code arn:aws:iam::<account>:root}, within the limits of "Amazon SQS policy quotas" (20 statements,
 * 50 principals, 7 actions per statement, 8,192 bytes; beyond them OverLimit). A single principal or
 * action is written as a string, several as a list. Statements set by SetQueueAttributes are kept.
 * The edits are made by the store in one step each (see {@link ElementEdit}), which checks the
 * label and the quotas against the Policy as it is then.
 */
final class QueuePolicy {
  static final int MAX_STATEMENTS = 20;
  static final int MAX_PRINCIPALS = 50;
  static final int MAX_ACTIONS = 7;
  static final int MAX_BYTES = 8192;
  private static final String STATEMENT = "Statement";
  private static final String SID = "Sid";

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

  /**
   * The edit AddPermission makes: a statement labelled {@code label} allowing {@code accounts} the
   * {@code actions} on the queue, added to its Policy (a new one if it has none) within the quotas.
   */
  static ElementEdit adding(QueueId queue, String label, List<String> accounts, List<String> actions) {
    ObjectNode statement = JsonCodec.json().createObjectNode();
    statement.put("Sid", label);
    statement.put("Effect", "Allow");
    ObjectNode principal = statement.putObject("Principal");
    putOneOrMany(principal, "AWS", accounts.stream().map(a -> "arn:aws:iam::" + a + ":root").toList());
    putOneOrMany(statement, "Action", actions.stream().map(a -> "SQS:" + a).toList());
    statement.put("Resource", queue.arn());
    return ElementEdit.adding(QueueAttributes.POLICY, STATEMENT, SID, label, statement.toString(),
        newPolicy(queue).toString()).limitedTo(MAX_STATEMENTS, MAX_BYTES);
  }

  /** The edit RemovePermission makes: the statement labelled {@code label} goes, the Policy with the last. */
  static ElementEdit removing(String label) {
    return ElementEdit.removing(QueueAttributes.POLICY, STATEMENT, SID, label, null).droppingWhenEmpty();
  }

  /**
   * The error for an edit the store refused: InvalidParameterValue for a label that is taken (when
   * adding) or missing (when removing), OverLimit beyond a quota.
   */
  static void check(RecordChange.Status status, String label) {
    switch (status) {
      case APPLIED -> { }
      case ELEMENT_EXISTS -> throw AwsException.invalidParameter("Label", label, "Already exists.");
      case ELEMENT_MISSING -> throw AwsException.invalidParameter("Label", label, "can't find label on existing policy.");
      case TOO_MANY_ELEMENTS -> throw AwsException.of(SqsError.OverLimit,
          "%d statements were found, maximum allowed is %d.", MAX_STATEMENTS + 1, MAX_STATEMENTS);
      case TOO_LARGE -> throw AwsException.of(SqsError.OverLimit, "The policy would exceed %d bytes.", MAX_BYTES);
      case TOO_MANY_ENTRIES -> throw new IllegalStateException("a policy edit changes no map");
    }
  }

  private static ObjectNode newPolicy(QueueId queue) {
    ObjectNode doc = JsonCodec.json().createObjectNode();
    doc.put("Version", "2012-10-17");
    doc.put("Id", queue.arn() + "/SQSDefaultPolicy");
    doc.putArray("Statement");
    return doc;
  }

  private static void putOneOrMany(ObjectNode node, String field, List<String> values) {
    if (values.size() == 1) {
      node.put(field, values.get(0));
    } else {
      ArrayNode list = node.putArray(field);
      values.forEach(list::add);
    }
  }
}

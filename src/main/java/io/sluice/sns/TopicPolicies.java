package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.storage.RecordChange.ElementEdit;
import io.sluice.storage.RecordChange;
import java.util.concurrent.CompletionStage;

/**
 * Edits of a topic's access policy by AddPermission and RemovePermission: one statement per label
 * ({@code Sid}), added to or removed from the stored Policy (the default policy if none is stored)
 * by the store in one atomic step each, so concurrent edits of different labels all survive.
 */
public final class TopicPolicies {
  private static final String POLICY = "Policy";
  private static final String STATEMENT = "Statement";
  private static final String SID = "Sid";

  private TopicPolicies() {}

  public static void checkLabel(String label) {
    if (label == null || !label.matches("[A-Za-z0-9_-]{1,100}")) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Label");
    }
  }

  /** Adds {@code statement} (JSON) labelled {@code label}; InvalidParameter if the label is taken. */
  public static CompletionStage<Void> add(SnsServices sns, String topicArn, String label, String statement) {
    ElementEdit edit = ElementEdit.adding(POLICY, STATEMENT, SID, label, statement, defaultPolicy(topicArn));
    return change(sns, topicArn, edit).thenApply(status -> {
      if (status == RecordChange.Status.ELEMENT_EXISTS) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Statement already exists");
      }
      return null;
    });
  }

  /** Removes the statement labelled {@code label}; a label the policy does not have changes nothing. */
  public static CompletionStage<Void> remove(SnsServices sns, String topicArn, String label) {
    ElementEdit edit = ElementEdit.removing(POLICY, STATEMENT, SID, label, defaultPolicy(topicArn));
    return change(sns, topicArn, edit).thenApply(status -> null);
  }

  private static CompletionStage<RecordChange.Status> change(SnsServices sns, String topicArn, ElementEdit edit) {
    return sns.store().updateTopic(topicArn, RecordChange.ofElement(edit))
        .thenApply(t -> t.orElseThrow(SnsArns::topicNotFound).status());
  }

  private static String defaultPolicy(String topicArn) {
    return TopicAttributes.defaultPolicy(topicArn, SnsArns.account(topicArn));
  }
}

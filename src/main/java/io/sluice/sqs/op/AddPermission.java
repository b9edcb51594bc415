package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAccess;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * AddPermission: adds to the queue's Policy a statement labelled {@code Label} that allows the given
 * accounts the given actions on the queue (see {@link QueuePolicy}), in one atomic store step that
 * also sets LastModifiedTimestamp. The label must be new (else InvalidParameterValue); actions are
 * {@code *} or actions other accounts may be granted (owner-only and unknown ones are
 * InvalidParameterValue), at most 7. Only the queue's owner may call it; the grant takes effect at once
 * (see {@link QueueAccess}).
 */
public final class AddPermission extends SqsOperation<AddPermission.Request, Void> {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  // AddPermission reference: the actions it lists as valid, plus ListDeadLetterSourceQueues and PurgeQueue,
  // which other accounts may also call (their references lack "Cross-account permissions don't apply").
  // Batch actions are not named: granting SendMessage, DeleteMessage or ChangeMessageVisibility grants them.
  private static final Set<String> SHAREABLE = Set.of("*", "SendMessage", "ReceiveMessage", "DeleteMessage",
      "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue");

  public record Request(
      String queueUrl,
      String label,
      @JsonProperty("AWSAccountIds") @QueryName("AWSAccountId") List<String> awsAccountIds,
      @QueryName("ActionName") List<String> actions) {}

  public AddPermission(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String label = QueuePolicy.validLabel(req.label());
    List<String> accounts = validAccounts(req.awsAccountIds());
    List<String> actions = validActions(req.actions());
    QueueId queue = ownQueue(ctx, req.queueUrl());
    RecordChange change = RecordChange.ofElement(QueuePolicy.adding(queue, label, accounts, actions));
    return sqs.directory().update(queue, change, now()).thenApply(outcome -> {
      QueuePolicy.check(outcome.status(), label);
      return null;
    });
  }

  private static List<String> validAccounts(List<String> accounts) {
    if (accounts == null || accounts.isEmpty()) {
      throw AwsException.missingParameter("AWSAccountIds");
    }
    List<String> distinct = accounts.stream().distinct().toList();
    if (distinct.size() > QueuePolicy.MAX_PRINCIPALS) {
      throw AwsException.of(SqsError.OverLimit, "%d principals were found, maximum allowed is %d.",
          distinct.size(), QueuePolicy.MAX_PRINCIPALS);
    }
    for (String account : distinct) {
      if (account == null || !ACCOUNT.matcher(account).matches()) {
        throw AwsException.invalidParameter("PrincipalId", account, "Unable to verify.");
      }
    }
    return distinct;
  }

  private static List<String> validActions(List<String> actions) {
    if (actions == null || actions.isEmpty()) {
      throw AwsException.missingParameter("Actions");
    }
    List<String> distinct = actions.stream().distinct().toList();
    if (distinct.size() > QueuePolicy.MAX_ACTIONS) {
      throw AwsException.of(SqsError.OverLimit, "%d Actions were found, maximum allowed is %d.",
          distinct.size(), QueuePolicy.MAX_ACTIONS);
    }
    for (String action : distinct) {
      if (QueueAccess.OWNER_ONLY.contains(action)) {
        throw AwsException.invalidParameter("ActionName", "SQS:" + action,
            "Only the queue owner is allowed to invoke this action.");
      }
      if (!SHAREABLE.contains(action)) {
        throw AwsException.invalidParameter("ActionName", "SQS:" + action, "Not a valid SQS action.");
      }
    }
    return distinct;
  }
}

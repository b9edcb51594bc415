package io.sluice.sqs.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.RecordChange;
import java.util.concurrent.CompletionStage;

/**
 * RemovePermission: removes the statement labelled {@code Label} from the queue's Policy (the Policy
 * itself when no statement is left), in one atomic store step that also sets LastModifiedTimestamp.
 * A label the Policy does not have answers InvalidParameterValue.
 */
public final class RemovePermission extends SqsOperation<RemovePermission.Request, Void> {

  public record Request(String queueUrl, String label) {}

  public RemovePermission(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String label = QueuePolicy.validLabel(req.label());
    RecordChange change = RecordChange.ofElement(QueuePolicy.removing(label));
    return sqs.directory().update(ownQueue(ctx, req.queueUrl()), change, now()).thenApply(outcome -> {
      QueuePolicy.check(outcome.status(), label);
      return null;
    });
  }
}

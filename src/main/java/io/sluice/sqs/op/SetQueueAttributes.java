package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.RedriveTargets;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.RecordChange;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetQueueAttributes: changes settable attributes of a queue, all or none. Every value is checked
 * first (InvalidAttributeName for a name the queue cannot take, FifoQueue included;
 * InvalidAttributeValue or InvalidParameterValue for a bad value; a RedrivePolicy must name an
 * existing dead-letter queue of the same type that admits the queue), then the attributes it names
 * (and the encryption attributes they imply, see {@link QueueAttributes#changeOf}) are written in one
 * atomic store step, which also sets LastModifiedTimestamp; attributes it does not name are left to
 * concurrent changes. An empty Policy, RedrivePolicy or RedriveAllowPolicy removes it.
 */
public final class SetQueueAttributes extends SqsOperation<SetQueueAttributes.Request, Void> {

  public record Request(String queueUrl, @QueryName("Attribute") Map<String, String> attributes) {}

  public SetQueueAttributes(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    Map<String, String> changes = req.attributes();
    if (changes == null || changes.isEmpty()) {
      throw AwsException.missingParameter("Attributes");
    }
    return queue(ctx, req.queueUrl()).thenCompose(q -> {
      RecordChange change = RecordChange.ofAttributes(QueueAttributes.changeOf(q, changes));
      return RedriveTargets.check(sqs.directory(), q.id(), changes.get(QueueAttributes.REDRIVE_POLICY))
          .thenCompose(ok -> sqs.directory().update(q.id(), change, now()))
          .thenApply(updated -> null);
    });
  }
}

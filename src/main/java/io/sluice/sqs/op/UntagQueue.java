package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * UntagQueue: removes the tags with the given keys from a queue in one atomic store step; keys the
 * queue does not have are ignored. A malformed key answers InvalidParameterValue.
 */
public final class UntagQueue extends SqsOperation<UntagQueue.Request, Void> {

  public record Request(String queueUrl, @QueryName("TagKey") List<String> tagKeys) {}

  public UntagQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.tagKeys() == null || req.tagKeys().isEmpty()) {
      throw AwsException.missingParameter("TagKeys");
    }
    Tags.checkKeys(req.tagKeys());
    return sqs.directory().update(ownQueue(ctx, req.queueUrl()),
        RecordChange.ofTags(MapEdit.removing(req.tagKeys())), now()).thenApply(updated -> null);
  }
}

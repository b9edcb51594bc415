package io.sluice.sqs;

import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import java.util.concurrent.CompletionStage;

/** Base of SQS operations: access to {@link SqsServices} and the lookups every action starts with. */
public abstract class SqsOperation<Q, R> implements Operation<Q, R> {
  protected final SqsServices sqs;

  protected SqsOperation(SqsServices sqs) {
    this.sqs = sqs;
  }

  /** The queue a {@code QueueUrl} names; QueueDoesNotExist if there is none. */
  protected CompletionStage<QueueRecord> queue(RequestContext ctx, String queueUrl) {
    QueueId id = QueueUrls.resolve(ctx, queueUrl);
    return sqs.directory().require(id);
  }

  protected long now() {
    return sqs.clock().millis();
  }
}

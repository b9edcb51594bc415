package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.ReceiptHandle;
import io.sluice.sqs.store.QueueStore.HandleRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * DeleteMessage: deletes the message a receipt handle names, if the handle is its newest. An older
 * handle succeeds without deleting, as AWS documents; a handle Sluice never issued for this queue is
 * ReceiptHandleIsInvalid.
 */
public final class DeleteMessage extends SqsOperation<DeleteMessage.Request, Void> {

  public record Request(String queueUrl, String receiptHandle) {}

  public DeleteMessage(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    QueueId id = QueueUrls.resolve(ctx, req.queueUrl());
    ReceiptHandle handle = parse(req.receiptHandle(), id);
    return queue(ctx, id)
        .thenCompose(q -> sqs.store().delete(id, List.of(new HandleRef(handle.messageId(), handle.token())), now()))
        .thenApply(deleted -> {
          if (deleted.get(0)) {
            sqs.meters().deleted(id.name(), 1);
          }
          return null;
        });
  }

  /** The handle, if Sluice issued it for this queue; MissingParameter or ReceiptHandleIsInvalid otherwise. */
  public static ReceiptHandle parse(String text, QueueId queue) {
    if (text == null || text.isEmpty()) {
      throw AwsException.missingParameter("ReceiptHandle");
    }
    ReceiptHandle handle = ReceiptHandle.decode(text);
    if (handle == null || !handle.queueKey().equals(queue.key())) {
      throw invalid(text);
    }
    return handle;
  }

  public static AwsException invalid(String text) {
    return AwsException.of(SqsError.ReceiptHandleIsInvalid,
        "The input receipt handle \"%s\" is not a valid receipt handle.", text);
  }
}

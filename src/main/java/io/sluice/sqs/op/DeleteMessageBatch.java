package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.BatchRequests;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.BatchResultErrorEntry;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.ReceiptHandle;
import io.sluice.sqs.store.QueueStore.HandleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DeleteMessageBatch: up to ten DeleteMessage calls in one. Handles Sluice never issued for this
 * queue fail as ReceiptHandleIsInvalid entries; the others are deleted in one store step and
 * succeed, stale ones included (as DeleteMessage, the message may then stay).
 */
public final class DeleteMessageBatch extends SqsOperation<DeleteMessageBatch.Request, DeleteMessageBatch.Response> {

  public record Request(String queueUrl, @QueryName("DeleteMessageBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("DeleteMessageBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(String id, String receiptHandle) {}

  public record ResultEntry(String id) {}

  public DeleteMessageBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    BatchRequests.validate(req.entries(), Entry::id, "DeleteMessageBatchRequestEntry");
    QueueId id = QueueUrls.resolve(ctx, req.queueUrl());
    List<String> ids = new ArrayList<>();
    List<HandleRef> handles = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (Entry e : req.entries()) {
      try {
        ReceiptHandle handle = DeleteMessage.parse(e.receiptHandle(), id);
        ids.add(e.id());
        handles.add(new HandleRef(handle.messageId(), handle.token()));
      } catch (AwsException error) {
        failed.add(BatchRequests.failure(e.id(), error));
      }
    }
    return queue(ctx, id).thenCompose(q -> handles.isEmpty()
        ? CompletableFuture.completedFuture(List.<Boolean>of())
        : sqs.store().delete(id, handles, now())).thenApply(deleted -> {
          long count = deleted.stream().filter(Boolean::booleanValue).count();
          if (count > 0) {
            sqs.meters().deleted(id.name(), (int) count);
          }
          List<ResultEntry> successful = ids.stream().map(ResultEntry::new).toList();
          return new Response(successful, failed);
        });
  }
}

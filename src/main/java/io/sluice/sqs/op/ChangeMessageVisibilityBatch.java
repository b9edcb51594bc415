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
import io.sluice.sqs.store.QueueStore.VisibilityChange;
import io.sluice.sqs.store.QueueStore.VisibilityStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ChangeMessageVisibilityBatch: up to ten ChangeMessageVisibility calls in one store step, each
 * entry reported in {@code Successful} or, with the error ChangeMessageVisibility would answer, in
 * {@code Failed}.
 */
public final class ChangeMessageVisibilityBatch
    extends SqsOperation<ChangeMessageVisibilityBatch.Request, ChangeMessageVisibilityBatch.Response> {

  public record Request(String queueUrl,
      @QueryName("ChangeMessageVisibilityBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("ChangeMessageVisibilityBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(String id, String receiptHandle, Integer visibilityTimeout) {}

  public record ResultEntry(String id) {}

  public ChangeMessageVisibilityBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    BatchRequests.validate(req.entries(), Entry::id, "ChangeMessageVisibilityBatchRequestEntry");
    QueueId id = QueueUrls.resolve(ctx, req.queueUrl());
    List<Entry> valid = new ArrayList<>();
    List<VisibilityChange> changes = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (Entry e : req.entries()) {
      try {
        changes.add(ChangeMessageVisibility.change(e.receiptHandle(), e.visibilityTimeout(), id));
        valid.add(e);
      } catch (AwsException error) {
        failed.add(BatchRequests.failure(e.id(), error));
      }
    }
    return queue(ctx, id).thenCompose(q -> changes.isEmpty()
        ? CompletableFuture.completedFuture(List.<VisibilityStatus>of())
        : sqs.store().changeVisibility(id, changes, ChangeMessageVisibility.MAX_VISIBILITY_SECONDS * 1000L, now()))
        .thenApply(statuses -> {
          ChangeMessageVisibility.wakeLongPolls(sqs, id, statuses);
          List<ResultEntry> successful = new ArrayList<>();
          for (int i = 0; i < statuses.size(); i++) {
            Entry e = valid.get(i);
            AwsException error = ChangeMessageVisibility.error(statuses.get(i), e.receiptHandle(), e.visibilityTimeout());
            if (error == null) {
              successful.add(new ResultEntry(e.id()));
            } else {
              failed.add(BatchRequests.failure(e.id(), error));
            }
          }
          return new Response(successful, failed);
        });
  }
}

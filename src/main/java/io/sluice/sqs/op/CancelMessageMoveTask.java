package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MoveTaskHandle;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore.MoveTaskChange;
import java.util.concurrent.CompletionStage;

/**
 * CancelMessageMoveTask: marks a RUNNING task CANCELLING and answers how many messages it has moved
 * so far; the driver holding the task stops it (CANCELLED) on its next step. Moved messages stay
 * where they went.
 */
public final class CancelMessageMoveTask extends SqsOperation<CancelMessageMoveTask.Request, CancelMessageMoveTask.Response> {

  public record Request(String taskHandle) {}

  public record Response(Long approximateNumberOfMessagesMoved) {}

  public CancelMessageMoveTask(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.taskHandle() == null || req.taskHandle().isEmpty()) {
      throw AwsException.missingParameter("TaskHandle");
    }
    MoveTaskHandle handle = MoveTaskHandle.decode(req.taskHandle());
    QueueId source = handle == null ? null : QueueId.fromArn(handle.sourceArn());
    if (source == null) {
      throw AwsException.of(CommonError.InvalidParameterValue, "Value for parameter TaskHandle is invalid.");
    }
    ownQueue(ctx, source);
    return sqs.directory().find(source).thenCompose(found -> {
      if (found.isEmpty()) {
        throw StartMessageMoveTask.notFound("SourceArn");
      }
      return sqs.store().updateMoveTask(source, req.taskHandle(), MoveTaskChange.cancel());
    }).thenApply(updated -> {
      var update = updated.orElseThrow(() -> AwsException.of(SqsError.ResourceNotFoundException, "Task does not exist."));
      if (!update.applied()) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Only a task with status RUNNING can be cancelled; this one is %s.", update.task().status());
      }
      return new Response(update.task().moved());
    });
  }
}

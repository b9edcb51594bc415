package io.sluice.sqs.op;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.DeadLetterSources;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MoveTaskHandle;
import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.MoveTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * StartMessageMoveTask: records a task that moves the messages of a dead-letter queue to a
 * destination queue, or back to the queues they were dead-lettered from, at an optional rate. The
 * source must be the dead-letter queue of at least one queue and may have one active task at a
 * time. The moving itself is done in the background by {@link io.sluice.sqs.MessageMoveTaskDriver}
 * on whichever node holds the task's lease.
 */
public final class StartMessageMoveTask extends SqsOperation<StartMessageMoveTask.Request, StartMessageMoveTask.Response> {
  private static final int MAX_RATE = 500;

  public record Request(String sourceArn, String destinationArn, Integer maxNumberOfMessagesPerSecond) {}

  public record Response(String taskHandle) {}

  public StartMessageMoveTask(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    QueueId source = ownQueue(ctx, arn("SourceArn", req.sourceArn()));
    boolean toOrigins = req.destinationArn() == null || req.destinationArn().isEmpty();
    QueueId destination = toOrigins ? null : ownQueue(ctx, arn("DestinationArn", req.destinationArn()));
    Integer rate = req.maxNumberOfMessagesPerSecond();
    if (rate != null && (rate < 1 || rate > MAX_RATE)) {
      throw AwsException.invalidParameter("MaxNumberOfMessagesPerSecond", rate,
          "You must enter a number that's between 1 and 500.");
    }
    long now = now();
    return existing(source, "SourceArn")
        .thenCompose(src -> DeadLetterSources.of(sqs.store(), sqs.directory(), source).thenApply(origins -> {
          // AWS answers InvalidParameterValue (not UnsupportedOperation) for a queue that is no
          // queue's dead-letter queue.
          if (origins.isEmpty()) {
            throw AwsException.of(CommonError.InvalidParameterValue,
                "Source queue must be configured as a Dead Letter Queue.");
          }
          return src;
        }))
        .thenCompose(src -> toOrigins ? CompletableFuture.completedFuture(src)
            : existing(destination, "DestinationArn").thenApply(dst -> {
              if (dst.id().equals(src.id())) {
                throw AwsException.invalidParameter("DestinationArn", req.destinationArn(),
                    "The destination queue can't be the source queue.");
              }
              if (dst.isFifo() != src.isFifo()) {
                throw AwsException.invalidParameter("DestinationArn", req.destinationArn(),
                    "The destination queue must be of the same type as the source queue.");
              }
              return src;
            }))
        .thenCompose(src -> sqs.store().counts(source, now))
        .thenCompose(counts -> {
          String handle = new MoveTaskHandle(RandomIds.uuid(), source.arn()).encode();
          long toMove = counts.visible() + counts.inFlight() + counts.delayed();
          MoveTask task = new MoveTask(handle, source, toOrigins ? null : destination.arn(), rate,
              MoveTaskStatus.RUNNING, 0, toMove, now, null, null, 0);
          return sqs.store().startMoveTask(task).thenApply(started -> {
            if (!started) {
              throw AwsException.of(CommonError.InvalidParameterValue,
                  "There is already a task running. Only one active task is allowed for a source queue arn at a given"
                      + " time.");
            }
            return new Response(handle);
          });
        });
  }

  /** The queue an ARN parameter names; MissingParameter or InvalidParameterValue when it names none. */
  static QueueId arn(String parameter, String arn) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.missingParameter(parameter);
    }
    QueueId id = QueueId.fromArn(arn);
    if (id == null) {
      throw AwsException.invalidParameter(parameter, arn,
          "You must use this format to specify the " + parameter + ": arn:<partition>:<service>:<region>:<account-id>:"
              + "<resource-id>.");
    }
    return id;
  }

  /** The queue's record; ResourceNotFoundException naming the parameter when it does not exist. */
  CompletionStage<QueueRecord> existing(QueueId id, String parameter) {
    return sqs.directory().find(id).thenApply(found -> found.orElseThrow(() -> notFound(parameter)));
  }

  static AwsException notFound(String parameter) {
    return AwsException.of(SqsError.ResourceNotFoundException,
        "The resource that you specified for the %s parameter doesn't exist.", parameter);
  }
}

package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore.MoveTask;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListMessageMoveTasks: the newest message move tasks of a source queue (1 by default, up to 10),
 * newest first. Only a RUNNING task shows its handle; only a FAILED one its failure reason.
 */
public final class ListMessageMoveTasks extends SqsOperation<ListMessageMoveTasks.Request, ListMessageMoveTasks.Response> {
  private static final int MAX_RESULTS = 10;

  public record Request(String sourceArn, Integer maxResults) {}

  public record Response(@QueryName("ListMessageMoveTasksResultEntry") List<ResultEntry> results) {}

  public record ResultEntry(
      String taskHandle,
      String status,
      String sourceArn,
      String destinationArn,
      Integer maxNumberOfMessagesPerSecond,
      Long approximateNumberOfMessagesMoved,
      Long approximateNumberOfMessagesToMove,
      String failureReason,
      Long startedTimestamp) {}

  public ListMessageMoveTasks(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    QueueId source = ownQueue(ctx, StartMessageMoveTask.arn("SourceArn", req.sourceArn()));
    int max = req.maxResults() == null ? 1 : req.maxResults();
    if (max < 1 || max > MAX_RESULTS) {
      throw AwsException.invalidParameter("MaxResults", max, "You must enter a number that's between 1 and 10.");
    }
    return sqs.directory().find(source).thenCompose(found -> {
      if (found.isEmpty()) {
        throw StartMessageMoveTask.notFound("SourceArn");
      }
      return sqs.store().listMoveTasks(source);
    }).thenApply(tasks -> new Response(tasks.stream().limit(max).map(ListMessageMoveTasks::entry).toList()));
  }

  private static ResultEntry entry(MoveTask t) {
    return new ResultEntry(
        t.status() == MoveTaskStatus.RUNNING ? t.taskHandle() : null,
        t.status().name(),
        t.source().arn(),
        t.destinationArn(),
        t.maxPerSecond(),
        t.moved(),
        t.toMove(),
        t.status() == MoveTaskStatus.FAILED ? t.failureReason() : null,
        t.startedTimestamp());
  }
}

package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MessageAttributeValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** ListMessageMoveTasks: PLACEHOLDER — shapes only; behaviour to be written. */
public final class ListMessageMoveTasks extends SqsOperation<ListMessageMoveTasks.Request, ListMessageMoveTasks.Response> {

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
    throw AwsException.of(CommonError.InternalFailure, "ListMessageMoveTasks is not implemented yet.");
  }
}

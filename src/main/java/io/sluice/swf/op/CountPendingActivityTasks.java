package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TaskListId;
import java.util.concurrent.CompletionStage;

/**
 * CountPendingActivityTasks: how many activity tasks wait in the task list (a task whose run moved on
 * counts until a poll drops it). UnknownResourceFault for an unknown domain.
 */
public final class CountPendingActivityTasks extends SwfOperation<CountPendingActivityTasks.Request, ExecutionCount> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TaskList taskList) {}

  public CountPendingActivityTasks(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<ExecutionCount> run(RequestContext ctx, Request req) {
    TaskListId list = new TaskListId(domainId(ctx, req.domain()), TaskListId.Kind.ACTIVITY, req.taskList().name());
    return domain(ctx, req.domain()).thenCompose(d -> swf.taskLists().pending(list)).thenApply(ExecutionCount::of);
  }
}

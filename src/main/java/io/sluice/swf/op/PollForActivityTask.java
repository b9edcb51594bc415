package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.TaskPolls;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.TaskToken;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.model.WorkflowExecution;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * PollForActivityTask: takes an activity task from the task list, held up to 60 seconds while there
 * is none (then a task with an empty {@code taskToken}, as AWS answers). Handing it out records
 * ActivityTaskStarted with the worker's identity and sets the task's start-to-close and heartbeat
 * timeouts.
 */
public final class PollForActivityTask extends SwfOperation<PollForActivityTask.Request, PollForActivityTask.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TaskList taskList, String identity) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(String taskToken, String activityId, long startedEventId,
                         WorkflowExecution workflowExecution, TypeRef activityType, String input) {
    static final Response EMPTY = new Response("", null, 0, null, null, null);
  }

  public PollForActivityTask(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    Registrations.checkName(req.taskList().name(), "taskList.name");
    DomainId domain = domainId(ctx, req.domain());
    TaskListId list = new TaskListId(domain, TaskListId.Kind.ACTIVITY, req.taskList().name());
    return domain(ctx, req.domain())
        .thenCompose(d -> TaskPolls.poll(swf, list, ref -> start(domain, ref, req.identity())))
        .thenApply(started -> started.orElse(Response.EMPTY));
  }

  private CompletionStage<Optional<Response>> start(DomainId domain, TaskRef ref, String identity) {
    ExecutionKey key = new ExecutionKey(domain, ref.workflowId(), ref.runId());
    return swf.histories().update(key, h -> {
      Execution ex = h.execution();
      Execution.Activity a = ex.activityScheduledBy(ref.scheduledEventId());
      if (!ex.status.open() || a == null || a.state != ActivityTaskState.SCHEDULED) {
        return Optional.<Response>empty();
      }
      a.state = ActivityTaskState.TABLE.move(a.state, ActivityTaskState.STARTED);
      ObjectNode attributes = History.attributes();
      History.putIfSet(attributes, "identity", identity);
      attributes.put("scheduledEventId", a.scheduledEventId);
      a.startedEventId = h.append("ActivityTaskStarted", attributes);
      a.startedAt = h.now();
      a.lastHeartbeat = h.now();
      h.timeout(Deadlines.Kind.ACTIVITY, a.activityId, a.scheduledEventId, "START_TO_CLOSE", a.startToCloseTimeout);
      h.endTimeout(Deadlines.Kind.ACTIVITY, a.activityId, a.scheduledEventId, "SCHEDULE_TO_START");
      h.timeout(Deadlines.Kind.ACTIVITY, a.activityId, a.scheduledEventId, "HEARTBEAT", a.heartbeatTimeout);
      return Optional.of(new Response(TaskToken.of(key, a.scheduledEventId, a.startedEventId).encode(), a.activityId,
          a.startedEventId, new WorkflowExecution(ex.workflowId, ex.runId), a.activityType, a.input));
    });
  }
}

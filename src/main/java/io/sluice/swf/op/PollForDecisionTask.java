package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Pages;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfError;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.TaskPolls;
import io.sluice.swf.engine.DecisionTaskState;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PollForDecisionTask: takes a decision task from the task list, held up to 60 seconds while there
 * is none (then a task with an empty {@code taskToken}, as AWS answers). Handing it out records
 * DecisionTaskStarted; the task carries its run's history up to that event, in pages of
 * {@code maximumPageSize} (reversed with {@code reverseOrder}), from the previous decision task's
 * started event with {@code startAtPreviousStartedEvent}; a poll with the {@code nextPageToken} of an
 * answer gets the next page of that task's history at once.
 */
public final class PollForDecisionTask extends SwfOperation<PollForDecisionTask.Request, PollForDecisionTask.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TaskList taskList, String identity, String nextPageToken,
                        Integer maximumPageSize, Boolean reverseOrder, Boolean startAtPreviousStartedEvent) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(String taskToken, long startedEventId, WorkflowExecution workflowExecution,
                         TypeRef workflowType, List<ObjectNode> events, String nextPageToken,
                         long previousStartedEventId) {
    static final Response EMPTY = new Response("", 0, null, null, List.of(), null, 0);
  }

  /** A started decision task: its token and what the answer names. */
  private record Started(TaskToken token, TypeRef workflowType, long previousStartedEventId) {}

  public PollForDecisionTask(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    Registrations.checkName(req.taskList().name(), "taskList.name");
    DomainId domain = domainId(ctx, req.domain());
    if (req.nextPageToken() != null) {
      return nextPage(ctx, req);
    }
    TaskListId list = new TaskListId(domain, TaskListId.Kind.DECISION, req.taskList().name());
    return domain(ctx, req.domain())
        .thenCompose(d -> TaskPolls.poll(swf, list, ref -> start(domain, ref, req.identity())))
        .thenCompose(started -> started.isEmpty() ? CompletableFuture.completedFuture(Response.EMPTY)
            : answer(started.get(), req, null));
  }

  private CompletionStage<Optional<Started>> start(DomainId domain, TaskRef ref, String identity) {
    ExecutionKey key = new ExecutionKey(domain, ref.workflowId(), ref.runId());
    return swf.histories().update(key, h -> {
      Execution ex = h.execution();
      Execution.Decision d = ex.decision;
      if (!ex.status.open() || d.state != DecisionTaskState.SCHEDULED || d.scheduledEventId != ref.scheduledEventId()) {
        return Optional.<Started>empty();
      }
      d.state = DecisionTaskState.TABLE.move(d.state, DecisionTaskState.STARTED);
      ObjectNode a = History.attributes();
      History.putIfSet(a, "identity", identity);
      a.put("scheduledEventId", d.scheduledEventId);
      d.startedEventId = h.append("DecisionTaskStarted", a);
      d.startedAt = h.now();
      h.timeout(Deadlines.Kind.DECISION, null, d.scheduledEventId, "START_TO_CLOSE", ex.taskStartToCloseTimeout);
      h.endTimeout(Deadlines.Kind.DECISION, null, d.scheduledEventId, "SCHEDULE_TO_START");
      return Optional.of(new Started(TaskToken.of(key, d.scheduledEventId, d.startedEventId), ex.workflowType,
          d.previousStartedEventId));
    });
  }

  private CompletionStage<Response> answer(Started started, Request req, String after) {
    TaskToken token = started.token();
    long from = Boolean.TRUE.equals(req.startAtPreviousStartedEvent()) && started.previousStartedEventId() > 0
        ? started.previousStartedEventId() : 1;
    return swf.histories().events(token.execution(), from).thenApply(events -> {
      List<ObjectNode> history = events.stream().filter(e -> e.get("eventId").asLong() <= token.startedEventId())
          .toList();
      Pages.Page<ObjectNode> page = GetWorkflowExecutionHistory.page(history, after, req.maximumPageSize(),
          Boolean.TRUE.equals(req.reverseOrder()));
      String next = page.nextPageToken() == null ? null
          : token.encode() + "." + started.previousStartedEventId() + "." + page.nextPageToken();
      return new Response(token.encode(), token.startedEventId(),
          new WorkflowExecution(token.workflowId(), token.runId()), started.workflowType(), page.items(), next,
          started.previousStartedEventId());
    });
  }

  /** The next page of a started task's history: {@code nextPageToken} is {@code <task token>.<previous started>.<page>}. */
  private CompletionStage<Response> nextPage(RequestContext ctx, Request req) {
    String[] parts = req.nextPageToken().split("\\.", 3);
    if (parts.length != 3 || !parts[1].matches("\\d{1,18}")) {
      throw AwsException.of(SwfError.ValidationException, "Invalid nextPageToken.");
    }
    TaskToken token = TaskToken.decode(parts[0], ctx.region(), ctx.account());
    if (!token.domain().equals(req.domain())) {
      throw AwsException.of(SwfError.ValidationException, "Invalid nextPageToken.");
    }
    return swf.histories().read(token.execution()).thenCompose(found -> {
      Execution ex = found.orElseThrow(TaskToken::unknown);
      return answer(new Started(token, ex.workflowType, Long.parseLong(parts[1])), req, parts[2]);
    });
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.decision.DecisionContext;
import io.sluice.swf.decision.Decisions;
import io.sluice.swf.engine.DecisionTaskState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.TaskToken;
import io.sluice.swf.model.TaskList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RespondDecisionTaskCompleted: the decider's decisions on its started decision task.
 * DecisionTaskCompleted is recorded, then each decision in order (their handlers in
 * {@link io.sluice.swf.decision}), every one validated before any is applied; one that cannot be
 * carried out is recorded as its {@code …Failed} event with AWS's cause and a new decision task is
 * scheduled (as it is when events arrived while the task was started). Decisions after a decision that
 * closed the execution are not applied. A {@code taskList} given moves the execution's later decision
 * tasks there. UnknownResourceFault for a token of a task that is not started.
 */
public final class RespondDecisionTaskCompleted extends SwfOperation<RespondDecisionTaskCompleted.Request, Void> {
  private static final Decisions DECISIONS = Decisions.standard();

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, List<ObjectNode> decisions, String executionContext, TaskList taskList,
                        String taskListScheduleToStartTimeout) {}

  public RespondDecisionTaskCompleted(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    TaskToken token = TaskToken.decode(req.taskToken(), ctx.region(), ctx.account());
    Registrations.checkName(req.taskList() == null ? null : req.taskList().name(), "taskList.name");
    Registrations.checkDuration(req.taskListScheduleToStartTimeout(), "taskListScheduleToStartTimeout");
    List<ObjectNode> decisions = req.decisions() == null ? List.of() : req.decisions();
    DECISIONS.validate(decisions);
    DecisionContext context = new DecisionContext(swf, token);
    CompletableFuture<Void> prepared = CompletableFuture.completedFuture(null);
    for (ObjectNode d : decisions) {
      prepared = prepared.thenCompose(v -> DECISIONS.handler(d).prepare(context, Decisions.attributes(d)));
    }
    return prepared.thenCompose(v -> swf.histories().update(token.execution(), h -> {
      Execution ex = h.execution();
      Execution.Decision task = ex.decision;
      if (!ex.status.open() || task.state != DecisionTaskState.STARTED
          || task.scheduledEventId != token.scheduledEventId() || task.startedEventId != token.startedEventId()) {
        throw TaskToken.unknown();
      }
      ObjectNode completed = History.attributes();
      History.putIfSet(completed, "executionContext", req.executionContext());
      completed.put("scheduledEventId", task.scheduledEventId);
      completed.put("startedEventId", task.startedEventId);
      if (req.taskList() != null) {
        // The execution's decision tasks go to this task list from now on (API reference,
        // RespondDecisionTaskCompleted: "This list overrides the original task list").
        completed.putObject("taskList").put("name", req.taskList().name());
        // With taskListScheduleToStartTimeout the override is temporary: a decision task not started
        // on it in time times out and goes back to the original task list (API reference).
        String timeout = req.taskListScheduleToStartTimeout();
        boolean temporary = timeout != null && !timeout.equals("NONE");
        ex.overriddenTaskList = temporary
            ? (ex.overriddenTaskList != null ? ex.overriddenTaskList : ex.taskList) : null;
        ex.overrideScheduleToStartTimeout = temporary ? timeout : null;
        ex.taskList = req.taskList().name();
      }
      History.putIfSet(completed, "taskListScheduleToStartTimeout", req.taskListScheduleToStartTimeout());
      long completedId = h.append("DecisionTaskCompleted", completed);
      task.previousStartedEventId = task.startedEventId;
      if (req.executionContext() != null) {
        ex.latestExecutionContext = req.executionContext();
      }
      boolean failed = DECISIONS.apply(context, h, decisions, completedId, task.due);
      // The task stays started while its decisions apply: what they make due (an activity task
      // canceled at once) is scheduled after them, with the failures', in one decision task.
      boolean due = task.due;
      task.state = DecisionTaskState.TABLE.move(task.state, DecisionTaskState.NONE);
      task.due = false;
      if (ex.status.open() && (due || failed)) {
        h.scheduleDecisionTask();
      }
      return null;
    }));
  }
}

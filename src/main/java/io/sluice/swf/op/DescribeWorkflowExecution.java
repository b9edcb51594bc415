package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Visibility;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.DecisionTaskState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.model.WorkflowExecution;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * DescribeWorkflowExecution: a run's info (type, start and close times, status and close status,
 * parent, tags), its configuration (the options it runs with, defaults applied), its open counts (Lambda
 * tasks scheduled or started among them), the time its latest activity task was scheduled and the
 * latest execution context a decider gave.
 * UnknownResourceFault for an unknown domain or run.
 */
public final class DescribeWorkflowExecution
    extends SwfOperation<DescribeWorkflowExecution.Request, DescribeWorkflowExecution.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, WorkflowExecution execution) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ExecutionInfo(WorkflowExecution execution, TypeRef workflowType, Instant startTimestamp,
                              Instant closeTimestamp, String executionStatus, String closeStatus,
                              WorkflowExecution parent, List<String> tagList, boolean cancelRequested) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Configuration(String taskStartToCloseTimeout, String executionStartToCloseTimeout,
                              TaskList taskList, String taskPriority, String childPolicy, String lambdaRole) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record OpenCounts(int openActivityTasks, int openDecisionTasks, int openTimers,
                           int openChildWorkflowExecutions, int openLambdaFunctions) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(ExecutionInfo executionInfo, Configuration executionConfiguration, OpenCounts openCounts,
                         Instant latestActivityTaskTimestamp, String latestExecutionContext) {}

  public DescribeWorkflowExecution(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    ExecutionKey key = new ExecutionKey(domainId(ctx, req.domain()), req.execution().workflowId(),
        req.execution().runId());
    return domain(ctx, req.domain()).thenCompose(d -> swf.histories().read(key))
        .thenApply(found -> describe(found.orElseThrow(() -> Histories.unknownExecution(key))));
  }


  private static Response describe(Execution ex) {
    boolean open = ex.status.open();
    ExecutionInfo info = ExecutionInfos.info(Visibility.summary(ex));
    Configuration configuration = new Configuration(ex.taskStartToCloseTimeout, ex.executionStartToCloseTimeout,
        new TaskList(ex.taskList), ex.taskPriority, ex.childPolicy, ex.lambdaRole);
    int activities = open ? (int) ex.activities.values().stream()
        .filter(a -> a.state == ActivityTaskState.SCHEDULED || a.state == ActivityTaskState.STARTED).count() : 0;
    int decisions = open && ex.decision.state != DecisionTaskState.NONE ? 1 : 0;
    return new Response(info, configuration, new OpenCounts(activities, decisions, open ? ex.timers.size() : 0,
        open ? ex.children.size() : 0, open ? ex.lambdas.size() : 0),
        ex.latestActivityTaskTimestamp == null ? null : Instant.ofEpochMilli(ex.latestActivityTaskTimestamp),
        ex.latestExecutionContext);
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.swf.Pages;
import io.sluice.swf.model.WorkflowExecution;
import io.sluice.swf.op.DescribeWorkflowExecution.ExecutionInfo;
import io.sluice.swf.store.VisibilityStore.RunSummary;
import java.time.Instant;
import java.util.List;

/** A page of runs as the list actions answer it ({@code WorkflowExecutionInfos}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ExecutionInfos(List<ExecutionInfo> executionInfos, String nextPageToken) {

  static ExecutionInfos of(Pages.Page<RunSummary> page) {
    return new ExecutionInfos(page.items().stream().map(ExecutionInfos::info).toList(), page.nextPageToken());
  }

  /** A run's {@code WorkflowExecutionInfo}, as DescribeWorkflowExecution and the listings give it. */
  static ExecutionInfo info(RunSummary run) {
    boolean open = run.open();
    return new ExecutionInfo(new WorkflowExecution(run.workflowId(), run.runId()), run.workflowType(),
        Instant.ofEpochMilli(run.started()), open ? null : Instant.ofEpochMilli(run.closed()),
        open ? "OPEN" : "CLOSED", run.closeStatus(), run.parent(), run.tagList().isEmpty() ? null : run.tagList(),
        run.cancelRequested());
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.swf.Pages;
import io.sluice.swf.engine.Execution;
import java.util.List;

/** A page of runs as the list actions answer it ({@code WorkflowExecutionInfos}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ExecutionInfos(List<DescribeWorkflowExecution.ExecutionInfo> executionInfos, String nextPageToken) {

  static ExecutionInfos of(Pages.Page<Execution> page) {
    return new ExecutionInfos(page.items().stream().map(DescribeWorkflowExecution::info).toList(),
        page.nextPageToken());
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A count as the count actions answer it ({@code WorkflowExecutionCount}, {@code PendingTaskCount}):
 * Sluice counts exactly, so never truncated.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ExecutionCount(long count, boolean truncated) {

  static ExecutionCount of(long count) {
    return new ExecutionCount(count, false);
  }
}

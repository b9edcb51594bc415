package io.sluice.swf.decision;

import io.sluice.swf.engine.ExecutionStatus;

/** FailWorkflowExecution: closes the execution as FAILED, recording WorkflowExecutionFailed with a reason and details. */
final class FailWorkflowExecution extends CloseDecision {
  FailWorkflowExecution() {
    super(ExecutionStatus.FAILED, "WorkflowExecutionFailed", "reason", "details");
  }

  @Override
  public String type() {
    return "FailWorkflowExecution";
  }
}

package io.sluice.swf.decision;

import io.sluice.swf.engine.ExecutionStatus;

/** CancelWorkflowExecution: closes the execution as CANCELED, recording WorkflowExecutionCanceled with details. */
final class CancelWorkflowExecution extends CloseDecision {
  CancelWorkflowExecution() {
    super(ExecutionStatus.CANCELED, "WorkflowExecutionCanceled", "details");
  }

  @Override
  public String type() {
    return "CancelWorkflowExecution";
  }
}

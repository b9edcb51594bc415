package io.sluice.swf.decision;

import io.sluice.swf.engine.ExecutionStatus;

/** CompleteWorkflowExecution: closes the execution as COMPLETED, recording WorkflowExecutionCompleted with the workflow's result. */
final class CompleteWorkflowExecution extends CloseDecision {
  CompleteWorkflowExecution() {
    super(ExecutionStatus.COMPLETED, "WorkflowExecutionCompleted", "result");
  }

  @Override
  public String type() {
    return "CompleteWorkflowExecution";
  }
}

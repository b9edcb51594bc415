package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.History;
import java.util.concurrent.CompletionStage;

/**
 * RequestCancelWorkflowExecution: WorkflowExecutionCancelRequested in the run (or the workflowId's
 * open run) and a decision task; the decider decides whether to cancel (CancelWorkflowExecution).
 * DescribeWorkflowExecution shows {@code cancelRequested}. UnknownResourceFault for an unknown
 * domain, a workflowId without an open run, or a closed run.
 */
public final class RequestCancelWorkflowExecution extends SwfOperation<RequestCancelWorkflowExecution.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String workflowId, String runId) {}

  public RequestCancelWorkflowExecution(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return updateOpenRun(ctx, req.domain(), req.workflowId(), req.runId(), h -> {
      h.execution().cancelRequested = true;
      h.append("WorkflowExecutionCancelRequested", History.attributes());
      h.decisionNeeded();
      return null;
    });
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.History;
import java.util.concurrent.CompletionStage;

/**
 * TerminateWorkflowExecution: closes the run (or the workflowId's open run) at once as TERMINATED,
 * recording WorkflowExecutionTerminated with the reason, details and child policy (the request's,
 * else the run's), which its open children then get; its open decision and activity tasks are no
 * longer handed out or answered.
 * UnknownResourceFault for an unknown domain, a workflowId without an open run, or a closed run.
 */
public final class TerminateWorkflowExecution extends SwfOperation<TerminateWorkflowExecution.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String workflowId, String runId, String reason, String details,
                        String childPolicy) {}

  public TerminateWorkflowExecution(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return updateOpenRun(ctx, req.domain(), req.workflowId(), req.runId(), h -> {
      Execution ex = h.execution();
      ObjectNode a = History.attributes();
      History.putIfSet(a, "reason", req.reason());
      History.putIfSet(a, "details", req.details());
      String childPolicy = req.childPolicy() != null ? req.childPolicy() : ex.childPolicy;
      a.put("childPolicy", childPolicy);
      h.closeRun(ExecutionStatus.TERMINATED, "WorkflowExecutionTerminated", a, childPolicy);
      return null;
    });
  }
}

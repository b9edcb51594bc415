package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.History;
import java.util.concurrent.CompletionStage;

/**
 * SignalWorkflowExecution: WorkflowExecutionSignaled (signal name and input) in the run named, or the
 * workflowId's open run when no runId is given, and a decision task for the decider.
 * UnknownResourceFault for an unknown domain, a workflowId without an open run, or a closed run.
 */
public final class SignalWorkflowExecution extends SwfOperation<SignalWorkflowExecution.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String workflowId, String runId, String signalName, String input) {}

  public SignalWorkflowExecution(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return updateOpenRun(ctx, req.domain(), req.workflowId(), req.runId(), h -> {
      ObjectNode a = History.attributes();
      a.put("signalName", req.signalName());
      History.putIfSet(a, "input", req.input());
      h.append("WorkflowExecutionSignaled", a);
      h.decisionNeeded();
      return null;
    });
  }
}

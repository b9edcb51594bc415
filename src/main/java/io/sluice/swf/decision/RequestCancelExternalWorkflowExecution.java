package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import java.util.concurrent.CompletionStage;

/**
 * RequestCancelExternalWorkflowExecution: RequestCancelExternalWorkflowExecutionInitiated, then, once
 * committed, the target (same domain; the runId given, or the workflowId's open run) records
 * WorkflowExecutionCancelRequested with the sender as {@code externalWorkflowExecution}, shows
 * {@code cancelRequested} and gets a decision task; the sender then records
 * ExternalWorkflowExecutionCancelRequested, or RequestCancelExternalWorkflowExecutionFailed with
 * {@code UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION} when there is no such open run, and a decision task.
 */
final class RequestCancelExternalWorkflowExecution implements DecisionHandler {
  static final String KIND = "request-cancel-external";

  @Override
  public String type() {
    return "RequestCancelExternalWorkflowExecution";
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    ObjectNode a = External.target(d);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    History.putIfSet(a, "control", Decisions.text(d, "control", null));
    long initiated = h.append("RequestCancelExternalWorkflowExecutionInitiated", a);
    h.send(External.message(KIND, context, h, initiated, a));
    return true;
  }

  /** Asks the target to cancel, then answers the sender. */
  static final class Delivery implements MessageHandler {
    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public CompletionStage<Void> deliver(Histories histories, Message m) {
      return Deliveries.onTarget(histories, m, h -> {
        ObjectNode a = History.attributes();
        External.sender(a, "externalWorkflowExecution", m);
        a.put("externalInitiatedEventId", External.initiatedEventId(m));
        h.execution().cancelRequested = true;
        h.append("WorkflowExecutionCancelRequested", a);
        h.decisionNeeded();
      }).thenCompose(runId -> Deliveries.answer(histories, m, h -> {
        if (runId != null) {
          h.append("ExternalWorkflowExecutionCancelRequested", External.answered(m, runId));
        } else {
          h.append("RequestCancelExternalWorkflowExecutionFailed", External.failed(m));
        }
      }));
    }
  }
}

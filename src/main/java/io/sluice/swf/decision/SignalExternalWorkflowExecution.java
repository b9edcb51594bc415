package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import java.util.concurrent.CompletionStage;

/**
 * SignalExternalWorkflowExecution: SignalExternalWorkflowExecutionInitiated, then, once committed, the
 * target (same domain; the runId given, or the workflowId's open run) records WorkflowExecutionSignaled
 * with the sender as {@code externalWorkflowExecution} and gets a decision task; the sender then
 * records ExternalWorkflowExecutionSignaled, or SignalExternalWorkflowExecutionFailed with
 * {@code UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION} when there is no such open run, and a decision task
 * either way.
 */
final class SignalExternalWorkflowExecution implements DecisionHandler {
  static final String KIND = "signal-external";

  @Override
  public String type() {
    return "SignalExternalWorkflowExecution";
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    ObjectNode a = External.target(d);
    a.put("signalName", d.path("signalName").asText());
    History.putIfSet(a, "input", Decisions.text(d, "input", null));
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    History.putIfSet(a, "control", Decisions.text(d, "control", null));
    long initiated = h.append("SignalExternalWorkflowExecutionInitiated", a);
    h.send(External.message(KIND, context, h, initiated, a));
    return true;
  }

  /** Signals the target, then answers the sender. */
  static final class Delivery implements MessageHandler {
    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public CompletionStage<Void> deliver(Histories histories, Message m) {
      return Deliveries.onTarget(histories, m, h -> {
        ObjectNode a = History.attributes();
        a.put("signalName", m.body().path("signalName").asText());
        History.putIfSet(a, "input", Decisions.text(m.body(), "input", null));
        External.sender(a, "externalWorkflowExecution", m);
        a.put("externalInitiatedEventId", External.initiatedEventId(m));
        h.append("WorkflowExecutionSignaled", a);
        h.decisionNeeded();
      }).thenCompose(runId -> Deliveries.answer(histories, m, h -> {
        if (runId != null) {
          h.append("ExternalWorkflowExecutionSignaled", External.answered(m, runId));
        } else {
          h.append("SignalExternalWorkflowExecutionFailed", External.failed(m));
        }
      }));
    }
  }
}

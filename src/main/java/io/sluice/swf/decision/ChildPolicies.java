package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.ChildMessages;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import java.util.concurrent.CompletionStage;

/**
 * Applies a closed parent's child policy to a child's open run (that run must still be the child of
 * that parent run and initiated eventId; a child that continued as new keeps its parent):
 * {@code TERMINATE} closes it with WorkflowExecutionTerminated (its own child policy, cause
 * {@code CHILD_POLICY_APPLIED}), which goes on to its own children; {@code REQUEST_CANCEL} records
 * WorkflowExecutionCancelRequested with cause {@code CHILD_POLICY_APPLIED} and a decision task
 * (API reference, WorkflowExecutionTerminatedEventAttributes and
 * WorkflowExecutionCancelRequestedEventAttributes).
 */
final class ChildPolicies implements MessageHandler {
  private static final String CAUSE = "CHILD_POLICY_APPLIED";

  @Override
  public String kind() {
    return ChildMessages.POLICY;
  }

  @Override
  public CompletionStage<Void> deliver(Histories histories, Message m) {
    long initiated = m.body().path("initiatedEventId").asLong();
    String policy = m.body().path("childPolicy").asText();
    return Deliveries.unknownAsNull(histories.run(m.sender().domain(), m.workflowId(), null)
        .thenCompose(key -> histories.update(key, h -> {
          Execution ex = h.execution();
          if (!ex.status.open() || ex.parent == null
              || !ex.parent.is(m.sender().workflowId(), m.sender().runId(), initiated) || !h.firstDelivery(m.id())) {
            return null;
          }
          ObjectNode a = History.attributes();
          if (policy.equals(ChildMessages.TERMINATE)) {
            a.put("childPolicy", ex.childPolicy);
            a.put("cause", CAUSE);
            h.closeRun(ExecutionStatus.TERMINATED, "WorkflowExecutionTerminated", a, ex.childPolicy);
          } else if (policy.equals(ChildMessages.REQUEST_CANCEL)) {
            a.put("cause", CAUSE);
            ex.cancelRequested = true;
            h.append("WorkflowExecutionCancelRequested", a);
            h.decisionNeeded();
          }
          return null;
        })));
  }
}

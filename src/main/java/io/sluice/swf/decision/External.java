package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;

/**
 * What SignalExternalWorkflowExecution and RequestCancelExternalWorkflowExecution share: the target
 * as the decision names it, the message to it (its body the initiated event's attributes and eventId)
 * and the events of the answer.
 */
final class External {
  static final String UNKNOWN = "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION";

  private External() {}

  /** New event attributes with the decision's {@code workflowId} and, if given, {@code runId}. */
  static ObjectNode target(ObjectNode decision) {
    ObjectNode a = History.attributes();
    a.put("workflowId", decision.path("workflowId").asText());
    History.putIfSet(a, "runId", Decisions.text(decision, "runId", null));
    return a;
  }

  /** The message of kind {@code kind} to the target the initiated event {@code initiated} ({@code a}) names. */
  static Message message(String kind, DecisionContext context, History h, long initiated, ObjectNode a) {
    ObjectNode body = a.deepCopy().put("initiatedEventId", initiated);
    return new Message(h.execution().runId + "/" + initiated, kind, context.execution(),
        a.path("workflowId").asText(), Decisions.text(a, "runId", null), body);
  }

  static long initiatedEventId(Message m) {
    return m.body().path("initiatedEventId").asLong();
  }

  /** Puts the message's sender as {@code field} ({@code WorkflowExecution}). */
  static void sender(ObjectNode a, String field, Message m) {
    a.putObject(field).put("workflowId", m.sender().workflowId()).put("runId", m.sender().runId());
  }

  /** {@code External…EventAttributes}: the target's run and the initiated eventId. */
  static ObjectNode answered(Message m, String runId) {
    ObjectNode a = History.attributes();
    a.putObject("workflowExecution").put("workflowId", m.workflowId()).put("runId", runId);
    a.put("initiatedEventId", initiatedEventId(m));
    return a;
  }

  /** {@code …Failed} attributes: the target as named, {@code UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION}. */
  static ObjectNode failed(Message m) {
    ObjectNode a = History.attributes();
    a.put("workflowId", m.workflowId());
    History.putIfSet(a, "runId", m.runId());
    a.put("cause", UNKNOWN);
    a.put("initiatedEventId", initiatedEventId(m));
    a.put("decisionTaskCompletedEventId", m.body().path("decisionTaskCompletedEventId").asLong());
    History.putIfSet(a, "control", Decisions.text(m.body(), "control", null));
    return a;
  }
}

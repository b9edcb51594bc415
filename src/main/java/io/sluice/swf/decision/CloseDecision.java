package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.History;

/**
 * A decision that closes the execution as {@link #status}: its event with the decision's fields,
 * unless events arrived while the decision task was started, which the decider has not seen: then
 * {@code <Kind>WorkflowExecutionFailed} with {@code UNHANDLED_DECISION} (API reference,
 * CompleteWorkflowExecutionFailedEventAttributes).
 */
abstract class CloseDecision implements DecisionHandler {
  private final ExecutionStatus status;
  private final String closedEvent;
  private final String[] fields;

  CloseDecision(ExecutionStatus status, String closedEvent, String... fields) {
    this.status = status;
    this.closedEvent = closedEvent;
    this.fields = fields;
  }

  @Override
  public boolean needsAttributes() {
    return false;
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode given) {
    if (context.unhandled()) {
      return Decisions.failed(context, h, type() + "Failed", History.attributes(), "UNHANDLED_DECISION");
    }
    ObjectNode a = History.attributes();
    for (String field : fields) {
      History.putIfSet(a, field, Decisions.text(given, field, null));
    }
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    h.closeRun(status, closedEvent, a, h.execution().childPolicy);
    return true;
  }
}

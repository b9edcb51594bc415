package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.ChildMessages;
import io.sluice.swf.engine.ChildWorkflowState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import java.util.concurrent.CompletionStage;

/**
 * Records in an open parent how its child closed: ChildWorkflowExecutionCompleted (result),
 * …Failed (reason, details), …Canceled (details), …TimedOut (timeoutType) or …Terminated, with the
 * child's run, type and the initiated and started eventIds, and a decision task. A child that closed
 * before its start reached the parent is recorded as started first.
 */
final class ChildWorkflowResults implements MessageHandler {
  @Override
  public String kind() {
    return ChildMessages.CLOSED;
  }

  @Override
  public CompletionStage<Void> deliver(Histories histories, Message m) {
    JsonNode b = m.body();
    long initiated = b.path("initiatedEventId").asLong();
    ExecutionStatus status = ExecutionStatus.valueOf(b.path("status").asText());
    return histories.update(m.target(), h -> {
      Execution parent = h.execution();
      Execution.Child child = parent.children.get(initiated);
      if (!parent.status.open() || child == null || !h.firstDelivery(m.id())) {
        return null;
      }
      if (child.state == ChildWorkflowState.INITIATED) {
        StartChildWorkflowExecution.started(h, child, m.sender().runId());
      }
      ChildWorkflowState closed = ChildWorkflowState.closedAs(status);
      child.state = ChildWorkflowState.TABLE.move(child.state, closed);
      parent.children.remove(initiated);
      ObjectNode a = History.attributes();
      a.putObject("workflowExecution").put("workflowId", m.sender().workflowId()).put("runId", m.sender().runId());
      a.putObject("workflowType").put("name", child.workflowType.name()).put("version", child.workflowType.version());
      JsonNode c = b.path("closed");
      switch (closed) {
        case COMPLETED -> History.putIfSet(a, "result", Decisions.text(c, "result", null));
        case FAILED -> {
          History.putIfSet(a, "reason", Decisions.text(c, "reason", null));
          History.putIfSet(a, "details", Decisions.text(c, "details", null));
        }
        case CANCELED -> History.putIfSet(a, "details", Decisions.text(c, "details", null));
        case TIMED_OUT -> a.put("timeoutType", c.path("timeoutType").asText());
        default -> { }
      }
      a.put("initiatedEventId", initiated);
      a.put("startedEventId", child.startedEventId);
      h.append(switch (closed) {
        case COMPLETED -> "ChildWorkflowExecutionCompleted";
        case FAILED -> "ChildWorkflowExecutionFailed";
        case CANCELED -> "ChildWorkflowExecutionCanceled";
        case TIMED_OUT -> "ChildWorkflowExecutionTimedOut";
        default -> "ChildWorkflowExecutionTerminated";
      }, a);
      h.decisionNeeded();
      return null;
    });
  }
}

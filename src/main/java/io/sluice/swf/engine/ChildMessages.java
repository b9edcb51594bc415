package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.model.ExecutionKey;

/**
 * The {@link Message}s a closing run sends about its children and its parent: the child policy for
 * each open child ({@link #POLICY}, to the child's open run, which applies it only if that run is
 * still the child of this parent and initiated eventId), and, from a child, how it closed
 * ({@link #CLOSED}, to its parent's run).
 */
public final class ChildMessages {
  /** The kind of a child policy applied to a child. */
  public static final String POLICY = "child-policy";
  /** The kind of a child's close, for its parent. */
  public static final String CLOSED = "child-closed";
  public static final String TERMINATE = "TERMINATE";
  public static final String REQUEST_CANCEL = "REQUEST_CANCEL";
  public static final String ABANDON = "ABANDON";

  private ChildMessages() {}

  /** {@code policy} for the open run of child {@code workflowId} that {@code parent} initiated by {@code initiatedEventId}. */
  public static Message policy(ExecutionKey parent, String workflowId, long initiatedEventId, String policy) {
    ObjectNode body = History.attributes().put("childPolicy", policy).put("initiatedEventId", initiatedEventId);
    return new Message(parent.runId() + "/" + initiatedEventId + "/policy", POLICY, parent, workflowId, null, body);
  }

  /**
   * That {@code child} closed as {@code status}, with its close event's {@code attributes}, for its parent's run.
   */
  public static Message closed(ExecutionKey child, Execution execution, ExecutionStatus status, ObjectNode attributes) {
    ObjectNode body = History.attributes().put("status", status.name())
        .put("initiatedEventId", execution.parent.initiatedEventId)
        .put("workflowTypeName", execution.workflowType.name())
        .put("workflowTypeVersion", execution.workflowType.version());
    body.set("closed", attributes.deepCopy());
    return new Message(child.runId() + "/closed", CLOSED, child, execution.parent.workflowId, execution.parent.runId,
        body);
  }
}

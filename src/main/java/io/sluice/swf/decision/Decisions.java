package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.swf.SwfError;
import io.sluice.swf.engine.History;
import io.sluice.swf.model.TypeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision types Sluice carries out, by AWS's {@code DecisionType}, and what their handlers share.
 * A decision arrives as AWS's {@code Decision} shape: {@code decisionType} and the
 * {@code <decisionType>DecisionAttributes} member named after it.
 */
public final class Decisions {
  private final Map<String, DecisionHandler> handlers = new LinkedHashMap<>();

  public Decisions(List<DecisionHandler> handlers) {
    handlers.forEach(h -> this.handlers.put(h.type(), h));
  }

  /** Every decision type built. */
  public static Decisions standard() {
    return new Decisions(List.of(new ScheduleActivityTask(), new RequestCancelActivityTask(),
        new CompleteWorkflowExecution(), new FailWorkflowExecution(), new CancelWorkflowExecution(),
        new ContinueAsNewWorkflowExecution(), new RecordMarker(), new StartTimer(), new CancelTimer(),
        new ScheduleLambdaFunction(), new SignalExternalWorkflowExecution(),
        new RequestCancelExternalWorkflowExecution(), new StartChildWorkflowExecution()));
  }

  /** The handler of {@code decision}'s type; ValidationException for a type not built. */
  public DecisionHandler handler(JsonNode decision) {
    String type = decision.path("decisionType").asText();
    DecisionHandler handler = handlers.get(type);
    if (handler == null) {
      throw AwsException.of(SwfError.ValidationException, "Decision type %s is not supported yet.", type);
    }
    return handler;
  }

  /** The decision's {@code <decisionType>DecisionAttributes}, or null. */
  public static ObjectNode attributes(JsonNode decision) {
    String type = decision.path("decisionType").asText();
    JsonNode a = decision.get(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "DecisionAttributes");
    return a instanceof ObjectNode o ? o : null;
  }

  /** Checks every decision before any is applied: its type is built, its attributes are there and sound. */
  public void validate(List<? extends JsonNode> decisions) {
    for (JsonNode d : decisions) {
      DecisionHandler handler = handler(d);
      ObjectNode a = attributes(d);
      if (a == null && handler.needsAttributes()) {
        String type = handler.type();
        throw AwsException.of(SwfError.ValidationException, "Decision %s needs its %s.", type,
            Character.toLowerCase(type.charAt(0)) + type.substring(1) + "DecisionAttributes");
      }
      handler.validate(a);
    }
  }

  /**
   * Applies {@code decisions} in order in the transaction {@code h}, after DecisionTaskCompleted
   * {@code completedEventId}; those after one that closed the execution are not applied. True if any
   * failed.
   */
  public boolean apply(DecisionContext context, History h, List<? extends JsonNode> decisions, long completedEventId,
                       boolean unhandled) {
    context.applying(completedEventId, unhandled);
    boolean failed = false;
    for (JsonNode d : decisions) {
      if (!h.execution().status.open()) {
        break;
      }
      failed |= !handler(d).apply(context, h, attributes(d));
    }
    return failed;
  }

  // ---- shared by the handlers -------------------------------------------------------------------

  /** {@code node.field} as text, or {@code fallback} when absent or null. */
  static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  /** A {@code WorkflowType} or {@code ActivityType} shape. */
  static TypeRef typeRef(JsonNode type) {
    return new TypeRef(type.path("name").asText(), type.path("version").asText());
  }

  /** Appends a {@code <name>} failure event with {@code cause} and the decision task's eventId. */
  static boolean failed(DecisionContext context, History h, String event, ObjectNode attributes, String cause) {
    attributes.put("cause", cause);
    attributes.put("decisionTaskCompletedEventId", context.completedEventId());
    h.append(event, attributes);
    return false;
  }
}

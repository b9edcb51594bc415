package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.Registrations;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;

/**
 * ScheduleLambdaFunction: LambdaFunctionScheduled (id, name, control, input, startToCloseTimeout, 300 s
 * when not given), then, once the transaction committed, the task is started and its function invoked
 * ({@link InvokeLambdaFunction}, a message to the run itself). ScheduleLambdaFunctionFailed:
 * {@code ID_ALREADY_IN_USE} for the id of an open Lambda task, {@code OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED}
 * past {@value #OPEN_LIMIT} open ones, {@code LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION} on a node that maps
 * no function ({@code SLUICE_LAMBDA_ENDPOINTS} empty). {@code LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED} never
 * happens: Sluice does not throttle.
 */
final class ScheduleLambdaFunction implements DecisionHandler {
  /** The most open Lambda tasks one execution may have. */
  static final int OPEN_LIMIT = 50;
  /**
   * "If no value is supplied, then a default value of 300s is assumed" (API reference,
   * ScheduleLambdaFunctionDecisionAttributes; botocore's model says 900 s, the published page 300 s).
   */
  static final String DEFAULT_START_TO_CLOSE = "300";
  /** "This can be any integer from 1-900 (1s-15m)" (same page). */
  private static final long MAX_START_TO_CLOSE = 900;

  @Override
  public String type() {
    return "ScheduleLambdaFunction";
  }

  @Override
  public void validate(ObjectNode a) {
    Registrations.checkName(a.path("id").asText(), "id");
    Registrations.checkSeconds(Decisions.text(a, "startToCloseTimeout", null), "startToCloseTimeout", 1,
        MAX_START_TO_CLOSE);
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    Execution ex = h.execution();
    String id = d.path("id").asText();
    String name = d.path("name").asText();
    ObjectNode a = History.attributes();
    a.put("id", id);
    a.put("name", name);
    String cause = ex.lambdas.containsKey(id) ? "ID_ALREADY_IN_USE"
        : ex.lambdas.size() >= OPEN_LIMIT ? "OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED"
        : !context.swf().functions().available() ? "LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION" : null;
    if (cause != null) {
      return Decisions.failed(context, h, "ScheduleLambdaFunctionFailed", a, cause);
    }
    Execution.Lambda lambda = new Execution.Lambda();
    lambda.id = id;
    lambda.name = name;
    lambda.input = Decisions.text(d, "input", null);
    lambda.startToCloseTimeout = Decisions.text(d, "startToCloseTimeout", DEFAULT_START_TO_CLOSE);
    History.putIfSet(a, "control", Decisions.text(d, "control", null));
    History.putIfSet(a, "input", lambda.input);
    a.put("startToCloseTimeout", lambda.startToCloseTimeout);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    lambda.scheduledEventId = h.append("LambdaFunctionScheduled", a);
    ex.lambdas.put(id, lambda);
    h.send(InvokeLambdaFunction.message(context.execution(), lambda));
    return true;
  }
}

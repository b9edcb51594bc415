package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.lambda.LambdaInvocationException;
import io.sluice.protocol.JsonCodec;
import io.sluice.swf.LambdaFunctions;
import io.sluice.swf.LambdaResults;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.LambdaFunctionState;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import io.sluice.swf.model.ExecutionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a Lambda task ScheduleLambdaFunction scheduled (the message it sends its own run, delivered after
 * its commit). In one transaction, if the task is still scheduled: StartLambdaFunctionFailed with
 * {@code ASSUME_ROLE_FAILED} for a run without a Lambda role, or without a cause and Lambda's "Function
 * not found" message for a function no URL is mapped to; else LambdaFunctionStarted and its
 * start-to-close deadline. Then the function is invoked with the task's input as its event, and its
 * answer recorded in a second transaction, only if the task is still started under that event (its
 * timeout came first, or the run closed: the answer is dropped): LambdaFunctionCompleted with the
 * answer's body as the result, or LambdaFunctionFailed. Delivery completes once the start committed;
 * the invocation runs on. A repeated delivery finds the message received (or the task no longer
 * scheduled) and does nothing, so a function is invoked at most once.
 */
public final class InvokeLambdaFunction implements MessageHandler {
  static final String KIND = "InvokeLambdaFunction";
  /** The longest {@code reason} and {@code details} of LambdaFunctionFailed (API model). */
  private static final int MAX_REASON = 256;
  private static final int MAX_DETAILS = 32_768;
  private static final Logger LOG = Logger.getLogger(InvokeLambdaFunction.class.getName());

  private final LambdaFunctions functions;

  public InvokeLambdaFunction(LambdaFunctions functions) {
    this.functions = functions;
  }

  /** The message that starts {@code lambda}, scheduled in run {@code run}. */
  public static Message message(ExecutionKey run, Execution.Lambda lambda) {
    ObjectNode body = History.attributes();
    body.put("id", lambda.id);
    body.put("scheduledEventId", lambda.scheduledEventId);
    return new Message(run.runId() + "/" + lambda.scheduledEventId + "/lambda", KIND, run, run.workflowId(),
        run.runId(), body);
  }

  /** The started task to invoke. */
  private record Invocation(String id, String function, String input, long scheduledEventId, long startedEventId) {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CompletionStage<Void> deliver(Histories histories, Message message) {
    String id = message.body().path("id").asText();
    long scheduledEventId = message.body().path("scheduledEventId").asLong();
    ExecutionKey run = message.target();
    return histories.update(run, h -> start(h, message.id(), id, scheduledEventId)).thenAccept(started -> {
      if (started != null) {
        invoke(histories, run, started);
      }
    });
  }

  private Invocation start(History h, String messageId, String id, long scheduledEventId) {
    Execution ex = h.execution();
    Execution.Lambda lambda = ex.lambdas.get(id);
    if (!ex.status.open() || lambda == null || lambda.scheduledEventId != scheduledEventId
        || lambda.state != LambdaFunctionState.SCHEDULED || !h.firstDelivery(messageId)) {
      return null;
    }
    if (ex.lambdaRole == null) {
      // The API reference (StartWorkflowExecution, lambdaRole) says a run without a role fails to
      // schedule Lambda tasks, but ScheduleLambdaFunctionFailed has no cause for it: AWS's is
      // StartLambdaFunctionFailed's only cause, ASSUME_ROLE_FAILED.
      startFailed(h, lambda, "ASSUME_ROLE_FAILED", "The workflow execution has no IAM role (lambdaRole) for "
          + "Amazon SWF to assume to invoke Lambda functions.");
      return null;
    }
    if (!functions.exists(lambda.name)) {
      startFailed(h, lambda, null, "Function not found: " + lambda.name);
      return null;
    }
    ObjectNode a = History.attributes();
    a.put("scheduledEventId", lambda.scheduledEventId);
    lambda.state = LambdaFunctionState.TABLE.move(lambda.state, LambdaFunctionState.STARTED);
    lambda.startedEventId = h.append("LambdaFunctionStarted", a);
    h.timeout(Deadlines.Kind.LAMBDA, lambda.id, lambda.scheduledEventId, "START_TO_CLOSE", lambda.startToCloseTimeout);
    return new Invocation(lambda.id, lambda.name, lambda.input, lambda.scheduledEventId, lambda.startedEventId);
  }

  private static void startFailed(History h, Execution.Lambda lambda, String cause, String message) {
    ObjectNode a = LambdaResults.attributes(lambda);
    History.putIfSet(a, "cause", cause);
    a.put("message", message);
    LambdaResults.closed(h, lambda, LambdaFunctionState.START_FAILED, a);
  }

  private void invoke(Histories histories, ExecutionKey run, Invocation call) {
    // Lambda's Invoke without a payload gives the function the event {}.
    byte[] event = (call.input() == null ? "{}" : call.input()).getBytes(StandardCharsets.UTF_8);
    functions.invoke(call.function(), event)
        .handle((result, failure) -> histories.update(run, h -> answered(h, call, result, failure)))
        .thenCompose(recorded -> recorded)
        .whenComplete((v, failure) -> {
          if (failure != null) {
            // the task's start-to-close timeout ends it
            LOG.log(Level.WARNING, "The answer of Lambda task " + call.id() + " could not be recorded", failure);
          }
        });
  }

  private static Void answered(History h, Invocation call, byte[] result, Throwable failure) {
    Execution ex = h.execution();
    Execution.Lambda lambda = ex.lambdas.get(call.id());
    if (!ex.status.open() || lambda == null || lambda.scheduledEventId != call.scheduledEventId()
        || lambda.state != LambdaFunctionState.STARTED || lambda.startedEventId != call.startedEventId()) {
      return null;
    }
    ObjectNode a = LambdaResults.attributes(lambda);
    if (failure == null) {
      a.put("result", new String(result, StandardCharsets.UTF_8));
      LambdaResults.closed(h, lambda, LambdaFunctionState.COMPLETED, a);
      return null;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof LambdaInvocationException e && e.payload().length > 0) {
      // The function's error: Lambda's error document ({"errorType", "errorMessage", …}) as details, its
      // errorType as the reason ("Unhandled", Lambda's X-Amz-Function-Error, when it names none).
      String details = new String(e.payload(), StandardCharsets.UTF_8);
      a.put("reason", clip(errorType(details), MAX_REASON));
      a.put("details", clip(details, MAX_DETAILS));
    } else {
      a.put("reason", clip(cause instanceof LambdaInvocationException e ? e.errorCode() : "Lambda.ServiceException",
          MAX_REASON));
      a.put("details", clip(String.valueOf(cause.getMessage()), MAX_DETAILS));
    }
    LambdaResults.closed(h, lambda, LambdaFunctionState.FAILED, a);
    return null;
  }

  private static String errorType(String details) {
    try {
      JsonNode error = JsonCodec.json().readTree(details);
      JsonNode type = error == null ? null : error.get("errorType");
      return type != null && type.isTextual() ? type.asText() : "Unhandled";
    } catch (IOException e) {
      return "Unhandled";
    }
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}

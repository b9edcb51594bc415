package io.sluice.swf.decision;

import io.sluice.swf.LambdaFunctions;
import io.sluice.swf.OpenExecutionLimit;
import io.sluice.protocol.AwsException;
import io.sluice.swf.SwfError;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import io.sluice.swf.model.ExecutionKey;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The handlers of the messages decisions and closing runs send to other runs (signals, cancellation
 * requests, children to start, child policies, children's outcomes) or to their own (a Lambda task to
 * run), and the two steps most of the cross-run ones share: carry the message out on its target run,
 * then answer the sender.
 */
public final class Deliveries {
  private Deliveries() {}

  /** Every message kind built; Lambda tasks run {@code functions}; children start under {@code limit}. */
  public static List<MessageHandler> standard(LambdaFunctions functions, OpenExecutionLimit limit) {
    return List.of(new InvokeLambdaFunction(functions), new SignalExternalWorkflowExecution.Delivery(),
        new RequestCancelExternalWorkflowExecution.Delivery(), new StartChildWorkflowExecution.Delivery(limit),
        new ChildPolicies(), new ChildWorkflowResults());
  }

  /**
   * Applies {@code message} by {@code apply} to its target (its runId, or the workflowId's open run),
   * once: completes with the target's runId, or null when the target is unknown or closed (and had
   * not received the message before it closed).
   */
  static CompletionStage<String> onTarget(Histories histories, Message message, Consumer<History> apply) {
    ExecutionKey target = message.target();
    return unknownAsNull(histories.run(target.domain(), target.workflowId(), target.runId())
        .thenCompose(key -> histories.update(key, h -> {
          if (h.execution().received.contains(message.id())) {
            return key.runId();
          }
          if (!h.execution().status.open()) {
            return null;
          }
          h.firstDelivery(message.id());
          apply.accept(h);
          return key.runId();
        })));
  }

  /**
   * Records the answer to {@code message} in its sender by {@code apply}, once, and asks the sender's
   * decider to decide; nothing if the sender closed meanwhile.
   */
  static CompletionStage<Void> answer(Histories histories, Message message, Consumer<History> apply) {
    return histories.update(message.sender(), h -> {
      if (h.execution().status.open() && h.firstDelivery(message.id() + "/answer")) {
        apply.accept(h);
        h.decisionNeeded();
      }
      return null;
    });
  }

  /** {@code stage}'s value, or null if it failed with UnknownResourceFault (no such run). */
  static <T> CompletionStage<T> unknownAsNull(CompletionStage<T> stage) {
    return stage.handle((value, failure) -> {
      if (failure == null) {
        return value;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof AwsException e && e.error() == SwfError.UnknownResourceFault) {
        return null;
      }
      throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    });
  }
}

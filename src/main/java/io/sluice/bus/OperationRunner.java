package io.sluice.bus;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.vertx.core.eventbus.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs the operation an {@link OperationCall} names and replies with its {@link OperationResult}:
 * the service verticles' one request path. Failures that are not {@link AwsException}s go through
 * the service's {@code unexpected} mapper (which logs them and names the service's internal error).
 */
public final class OperationRunner {
  private OperationRunner() {}

  public static void run(Message<OperationCall> message, Operation<Object, Object> operation,
                         Function<Throwable, AwsException> unexpected) {
    OperationCall call = message.body();
    CompletionStage<Object> stage;
    try {
      stage = operation.execute(call.context(), call.request());
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((response, failure) -> {
      if (failure == null) {
        message.reply(OperationResult.success(response));
        return;
      }
      Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      message.reply(OperationResult.failure(t instanceof AwsException aws ? aws : unexpected.apply(t)));
    });
  }
}

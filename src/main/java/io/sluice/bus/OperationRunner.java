package io.sluice.bus;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.vertx.core.eventbus.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The service verticles' one request path: finds the operation an {@link OperationCall} names in the
 * service's {@link OperationTable}, runs it and replies with its {@link OperationResult}.
 *
 * <p>Failures of the operation are answered as results: its {@link AwsException}s as they are, any
 * other failure (and a response that is not of the spec's response type) through the service's
 * {@code unexpected} mapper, which logs it and names the service's internal error. A call of an
 * operation the service does not have is a bug of the sender: the message fails with code 500.
 */
public final class OperationRunner {
  private OperationRunner() {}

  public static void run(Message<OperationCall<?>> message, OperationTable operations,
                         BiFunction<RequestContext, Throwable, AwsException> unexpected) {
    OperationCall<?> call = message.body();
    OperationSpec spec = call.spec();
    Operation<Object, Object> operation = operations.find(spec);
    if (operation == null) {
      message.fail(500, "no operation " + spec.action() + " at " + message.address());
      return;
    }
    CompletionStage<Object> stage;
    try {
      stage = operation.execute(call.context(), call.request());
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((response, failure) -> {
      if (failure == null && (response == null || spec.responseType() == null
          || spec.responseType().isInstance(response))) {
        message.reply(OperationResult.success(response));
        return;
      }
      Throwable t = failure == null
          ? new IllegalStateException(spec.action() + " answered with a " + response.getClass().getName())
          : failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      message.reply(OperationResult.failure(t instanceof AwsException aws ? aws : unexpected.apply(call.context(), t)));
    });
  }
}

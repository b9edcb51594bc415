package io.sluice.bus;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.sluice.storage.StoreUnavailableException;
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
 * store that cannot be reached ({@link StoreUnavailableException}, logged by the engine as an outage)
 * as 503 {@code ServiceUnavailable}, any other failure (and a response that is not of the spec's
 * response type) through the service's {@code unexpected} mapper, which logs it and names the service's internal error. An
 * {@link EventStreamReply} is passed on as it is, its initial response checked against the spec. A
 * call of an operation the service does not have is a bug of the sender: the message fails with code 500.
 */
public final class OperationRunner {
  // Common Errors of the SQS and SNS API references: ServiceUnavailable, HTTP 503.
  private static final AwsException STORE_UNAVAILABLE = AwsException.of(CommonError.ServiceUnavailable,
      "The request has failed due to a temporary failure of the server.");

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
      if (failure == null && answers(spec, response)) {
        message.reply(OperationResult.success(response));
        return;
      }
      Throwable t = failure == null
          ? new IllegalStateException(spec.action() + " answered with a " + response.getClass().getName())
          : failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      message.reply(OperationResult.failure(t instanceof AwsException aws ? aws
          : StoreUnavailableException.in(t) != null ? STORE_UNAVAILABLE
          : unexpected.apply(call.context(), t)));
    });
  }

  /** Whether {@code response} (or the initial response of a stream) is of the spec's response type. */
  private static boolean answers(OperationSpec spec, Object response) {
    Object record = response instanceof EventStreamReply<?> stream ? stream.initialResponse() : response;
    return record == null || spec.responseType() == null || spec.responseType().isInstance(record);
  }
}

package io.sluice.protocol;

import java.util.concurrent.CompletionStage;

/**
 * One AWS action's behaviour, free of wire and Vert.x concerns. Implementations are named after the
 * action and nest their {@code Request} and {@code Response} records (see {@link OperationSpec}).
 * Failures complete the stage with an {@link AwsException}.
 */
public interface Operation<Q, R> {
  CompletionStage<R> execute(RequestContext context, Q request);
}

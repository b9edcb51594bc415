package io.sluice.lambda;

import java.util.concurrent.CompletionStage;

/**
 * Invokes a Lambda function synchronously (the {@code RequestResponse} invocation type): the
 * function gets {@code payload} as its event and the stage completes with what it returned. A failed
 * stage's cause is a {@link LambdaInvocationException}.
 */
@FunctionalInterface
public interface LambdaInvoker {

  CompletionStage<byte[]> invoke(String function, byte[] payload);
}

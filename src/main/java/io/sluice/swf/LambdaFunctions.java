package io.sluice.swf;

import io.sluice.lambda.FunctionUrlInvoker;
import io.sluice.lambda.LambdaEndpoints;
import io.sluice.lambda.LambdaInvocationException;
import io.sluice.lambda.LambdaInvoker;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Lambda functions SWF's Lambda tasks run: each function (name, ARN or qualified ARN) reached at the
 * function URL {@code sluice.lambda-endpoints} ({@code SLUICE_LAMBDA_ENDPOINTS}, shared with SNS and
 * Firehose) maps it to, invoked by the same {@link FunctionUrlInvoker}. A node that maps no function
 * has no Lambda: Lambda is not available in its region.
 */
public final class LambdaFunctions implements AutoCloseable {
  /**
   * How long one invocation may run on the node: the longest start-to-close timeout a Lambda task may
   * have (900 s, API reference, ScheduleLambdaFunctionDecisionAttributes) and a margin; the task's own
   * timeout is a deadline that ends it earlier.
   */
  public static final long INVOCATION_TIMEOUT_MS = 905_000;

  private final LambdaEndpoints endpoints;
  private final boolean available;
  private final LambdaInvoker invoker;
  private final Runnable close;

  private LambdaFunctions(Map<String, String> urls, LambdaInvoker invoker, Runnable close) {
    this.endpoints = new LambdaEndpoints(urls);
    this.available = !urls.isEmpty();
    this.invoker = invoker;
    this.close = close;
  }

  /** The functions {@code urls} maps (function to URL), invoked with an HTTP client of {@code vertx}. */
  public static LambdaFunctions create(Vertx vertx, Map<String, String> urls) {
    FunctionUrlInvoker invoker = new FunctionUrlInvoker(vertx, new LambdaEndpoints(urls), INVOCATION_TIMEOUT_MS);
    return new LambdaFunctions(urls, invoker, invoker::close);
  }

  /** No function at all (Lambda not available). */
  public static LambdaFunctions none() {
    return new LambdaFunctions(Map.of(), (function, payload) -> CompletableFuture.failedFuture(
        new LambdaInvocationException("Lambda.ResourceNotFound", "Function not found: " + function)), () -> { });
  }

  /** Whether Lambda is available here: some function is mapped. */
  public boolean available() {
    return available;
  }

  /** Whether {@code function} (name or ARN) is mapped to a URL. */
  public boolean exists(String function) {
    return endpoints.urlOf(function).isPresent();
  }

  /** Invokes {@code function} with the event {@code payload}: its result, or a {@link LambdaInvocationException}. */
  public CompletionStage<byte[]> invoke(String function, byte[] payload) {
    return invoker.invoke(function, payload);
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    close.run();
  }
}

package io.sluice.lambda;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes a function by POSTing its event ({@code application/json}) to the URL
 * {@link LambdaEndpoints} maps it to; a 2xx answer's body is the function's result. No URL is
 * {@code Lambda.ResourceNotFound}; another status is {@code Lambda.FunctionError} (a function URL
 * answers a function's error with a 5xx; its body is kept as the error's payload); no answer within
 * {@code timeoutMs} is {@code Lambda.FunctionRequestTimedOut}; a refused connection
 * {@code Lambda.ServiceUnavailable}. Never blocks.
 */
public final class FunctionUrlInvoker implements LambdaInvoker, AutoCloseable {
  private final HttpClient client;
  private final LambdaEndpoints endpoints;
  private final long timeoutMs;

  public FunctionUrlInvoker(Vertx vertx, LambdaEndpoints endpoints, long timeoutMs) {
    this.endpoints = endpoints;
    this.timeoutMs = timeoutMs;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) Math.min(timeoutMs, 10_000))
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(20));
  }

  @Override
  public CompletionStage<byte[]> invoke(String function, byte[] payload) {
    String url = endpoints.urlOf(function).orElse(null);
    if (url == null) {
      return Future.<byte[]>failedFuture(new LambdaInvocationException("Lambda.ResourceNotFound",
          "The specified Lambda function does not exist: no URL is configured for " + function
              + " (sluice.lambda-endpoints, SLUICE_LAMBDA_ENDPOINTS).")).toCompletionStage();
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setIdleTimeout(timeoutMs).putHeader("Content-Type", "application/json");
    // The body is asked for in the very callback that gets the response: a response whose body
    // arrived before body() was called, a step later in an outer chain, never completed it (about one
    // invocation in a few hundred, when the call was made off the client's event loop).
    return client.request(options)
        .compose(req -> req.send(Buffer.buffer(payload)).compose(resp -> resp.body().map(body -> {
          if (resp.statusCode() / 100 != 2) {
            throw new LambdaInvocationException("Lambda.FunctionError",
                "The Lambda function was successfully invoked but it returned an error result (HTTP "
                    + resp.statusCode() + ").", body.getBytes());
          }
          return body.getBytes();
        })))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(t instanceof LambdaInvocationException ? t
            : t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")
                ? new LambdaInvocationException("Lambda.FunctionRequestTimedOut",
                    "The Lambda function invocation timed out after " + timeoutMs + " ms.")
                : new LambdaInvocationException("Lambda.ServiceUnavailable",
                    "The Lambda function could not be invoked at " + url + ": " + t.getMessage())))
        .toCompletionStage();
  }

  @Override
  public void close() {
    client.close();
  }
}

package io.sluice.lambda;

/**
 * An invocation that returned no result: an error code as Firehose reports Lambda invocation errors
 * ({@code Lambda.ResourceNotFound}, {@code Lambda.FunctionError}, …) and a message.
 */
public final class LambdaInvocationException extends RuntimeException {
  private final String errorCode;

  public LambdaInvocationException(String errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}

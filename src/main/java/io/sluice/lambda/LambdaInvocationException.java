package io.sluice.lambda;

/**
 * An invocation that returned no result: an error code as Firehose reports Lambda invocation errors
 * ({@code Lambda.ResourceNotFound}, {@code Lambda.FunctionError}, …), a message and, for a function's
 * error, what the function answered (its error document; empty otherwise).
 */
public final class LambdaInvocationException extends RuntimeException {
  private final String errorCode;
  private final byte[] payload;

  public LambdaInvocationException(String errorCode, String message) {
    this(errorCode, message, new byte[0]);
  }

  public LambdaInvocationException(String errorCode, String message, byte[] payload) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.payload = payload.clone();
  }

  public String errorCode() {
    return errorCode;
  }

  /** The body of the function's error answer; empty when the function was not reached. */
  public byte[] payload() {
    return payload.clone();
  }
}

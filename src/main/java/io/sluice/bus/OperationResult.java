package io.sluice.bus;

import io.sluice.protocol.AwsException;

/**
 * A service verticle's answer to an {@link OperationCall}: the operation's response record (null for
 * actions without output) or an AWS error, never both.
 *
 * @param <R> the operation's response record
 */
public record OperationResult<R>(R response, AwsException error) {

  public OperationResult {
    if (response != null && error != null) {
      throw new IllegalArgumentException("a result is a response or an error, not both");
    }
  }

  public static <R> OperationResult<R> success(R response) {
    return new OperationResult<>(response, null);
  }

  public static <R> OperationResult<R> failure(AwsException error) {
    return new OperationResult<>(null, error);
  }
}

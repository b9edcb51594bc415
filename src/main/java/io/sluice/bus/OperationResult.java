package io.sluice.bus;

import io.sluice.protocol.AwsException;

/** A service verticle's answer: the response record (null for actions without output) or an AWS error. */
public record OperationResult(Object response, AwsException error) {

  public static OperationResult success(Object response) {
    return new OperationResult(response, null);
  }

  public static OperationResult failure(AwsException error) {
    return new OperationResult(null, error);
  }
}

package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on the AWS errors black-box tests expect. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * Runs {@code call}, which must fail with an AWS service error, and returns the error code the SDK
   * reports for it (for SQS the query-compatible code, e.g. {@code InvalidParameterValue} or
   * {@code AWS.SimpleQueueService.NonExistentQueue}).
   */
  public static String codeOf(Executable call) {
    return assertThrows(AwsServiceException.class, call).awsErrorDetails().errorCode();
  }
}

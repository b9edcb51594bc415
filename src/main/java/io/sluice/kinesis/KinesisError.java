package io.sluice.kinesis;

import io.sluice.protocol.AwsErrorCode;

/** The errors of the Kinesis Data Streams API reference Sluice answers with, by their wire codes. */
public enum KinesisError implements AwsErrorCode {
  AccessDeniedException(400),
  ExpiredIteratorException(400),
  InvalidArgumentException(400),
  LimitExceededException(400),
  ProvisionedThroughputExceededException(400),
  ResourceInUseException(400),
  ResourceNotFoundException(400),
  ValidationException(400);

  private final int status;

  KinesisError(int status) {
    this.status = status;
  }

  @Override
  public String code() {
    return name();
  }

  @Override
  public int httpStatus() {
    return status;
  }

  @Override
  public boolean senderFault() {
    return true;
  }
}

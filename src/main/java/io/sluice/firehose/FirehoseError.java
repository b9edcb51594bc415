package io.sluice.firehose;

import io.sluice.protocol.AwsErrorCode;

/**
 * The errors of the Firehose API reference Sluice answers with, by their wire codes, and
 * ValidationException, which AWS answers for a member outside its model's constraints.
 */
public enum FirehoseError implements AwsErrorCode {
  ConcurrentModificationException(400),
  InvalidArgumentException(400),
  InvalidKMSResourceException(400),
  InvalidSourceException(400),
  LimitExceededException(400),
  ResourceInUseException(400),
  ResourceNotFoundException(400),
  /** A server fault: the Direct PUT quota was passed ("Slow down."), the client backs off and retries. */
  ServiceUnavailableException(503),
  ValidationException(400);

  private final int status;

  FirehoseError(int status) {
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
    return status < 500;
  }
}

package io.sluice.sns.signing;

import io.sluice.protocol.AwsErrorCode;

/**
 * The SNS errors this package raises. Stands in until {@code io.sluice.sns.SnsError} exists; the
 * constant names are the SNS error codes, so the switch-over is a rename of the type.
 */
enum SigningError implements AwsErrorCode {
  InvalidParameter(400);

  private final int status;

  SigningError(int status) {
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

package io.sluice.sns.delivery;

import io.sluice.protocol.AwsErrorCode;

/**
 * The SNS error codes this package throws. A stand-in until {@code io.sluice.sns.SnsError} exists on
 * main; switch the references over then and delete this file.
 */
enum SnsDeliveryError implements AwsErrorCode {
  /** HTTP 400, Sender. */
  InvalidParameter;

  @Override
  public String code() {
    return name();
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public boolean senderFault() {
    return true;
  }
}

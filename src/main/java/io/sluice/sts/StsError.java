package io.sluice.sts;

import io.sluice.protocol.AwsErrorCode;

/**
 * The errors of the STS API reference Sluice answers with beyond the common ones, by their wire
 * codes; all are the sender's fault, HTTP 400.
 */
public enum StsError implements AwsErrorCode {
  MalformedPolicyDocument;

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

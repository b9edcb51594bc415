package io.sluice.sts;

import io.sluice.protocol.AwsErrorCode;

/**
 * The errors of the STS API reference Sluice answers with, by their wire codes. Constant names
 * equal the codes, so a search for a code from the AWS documentation finds it.
 */
public enum StsError implements AwsErrorCode {
  MalformedPolicyDocument(400);

  private final int status;

  StsError(int status) {
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

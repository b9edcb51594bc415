package io.sluice.sns.filter;

import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;

/**
 * The SNS error a rejected filter policy answers with. A stand-in until {@code io.sluice.sns.SnsError}
 * declares {@code InvalidParameter}; then this enum goes and callers use that one.
 */
enum FilterPolicyError implements AwsErrorCode {
  InvalidParameter;

  /** AWS's wording for a policy it rejects: {@code Invalid parameter: FilterPolicy: <reason>}. */
  static AwsException invalidPolicy(String reason) {
    return new AwsException(InvalidParameter, "Invalid parameter: FilterPolicy: " + reason);
  }

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

package io.sluice.sns.filter;

import io.sluice.protocol.AwsException;
import io.sluice.sns.SnsError;

/** The error a rejected filter policy answers with. */
final class FilterPolicyError {
  private FilterPolicyError() {}

  /** AWS's wording for a policy it rejects: {@code Invalid parameter: FilterPolicy: <reason>}. */
  static AwsException invalidPolicy(String reason) {
    return new AwsException(SnsError.InvalidParameter, "Invalid parameter: FilterPolicy: " + reason);
  }
}

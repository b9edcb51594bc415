package io.sluice.sns;

import io.sluice.protocol.AwsErrorCode;

/**
 * The errors of the SNS API reference, by their wire codes (the query protocol's {@code <Code>}).
 * Constant names equal the codes, so a search for a code from the AWS documentation finds it.
 */
public enum SnsError implements AwsErrorCode {
  AuthorizationError(403),
  BatchEntryIdsNotDistinct(400),
  BatchRequestTooLong(400),
  ConcurrentAccess(400),
  EmptyBatchRequest(400),
  EndpointDisabled(400),
  FilterPolicyLimitExceeded(403),
  InternalError(500, false),
  InvalidBatchEntryId(400),
  InvalidParameter(400),
  ParameterValueInvalid(400),
  InvalidSecurity(403),
  InvalidState(400),
  KMSNotFound(400),
  NotFound(404),
  OptedOut(400),
  PlatformApplicationDisabled(400),
  ReplayLimitExceeded(403),
  ResourceNotFound(404),
  StaleTag(400),
  SubscriptionLimitExceeded(403),
  TagLimitExceeded(400),
  TagPolicy(400),
  Throttled(429),
  TooManyEntriesInBatchRequest(400),
  TopicLimitExceeded(403),
  UserError(400),
  ValidationException(400),
  VerificationException(400);

  private final int status;
  private final boolean sender;

  SnsError(int status) {
    this(status, true);
  }

  SnsError(int status, boolean sender) {
    this.status = status;
    this.sender = sender;
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
    return sender;
  }
}

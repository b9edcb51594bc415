package io.sluice.firehose.objects;

import io.sluice.protocol.AwsErrorCode;

/**
 * The S3 errors the read API answers with, named by their codes ("Error responses" in the Amazon S3
 * API Reference, "List of error codes").
 */
public enum S3Error implements AwsErrorCode {
  AccessDenied(403),
  AuthorizationHeaderMalformed(400),
  AuthorizationQueryParametersError(400),
  ExpiredToken(400),
  InternalError(500),
  InvalidAccessKeyId(403),
  InvalidArgument(400),
  InvalidRange(416),
  MethodNotAllowed(405),
  NoSuchBucket(404),
  NoSuchKey(404),
  NotImplemented(501),
  RequestTimeTooSkewed(403),
  ServiceUnavailable(503),
  SignatureDoesNotMatch(403);

  private final int status;

  S3Error(int status) {
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

package io.sluice.protocol;

/**
 * Errors every AWS service can answer with (see "Common Errors" in each API reference), plus the
 * errors of the JSON protocols' front end ({@code com.amazon.coral.service#…}).
 */
public enum CommonError implements AwsErrorCode {
  AccessDenied(403),
  /** A temporary credential past its expiry (Common Errors: ExpiredTokenException; query services: ExpiredToken). */
  ExpiredToken(403),
  IncompleteSignature(400),
  InternalFailure(500, false, "com.amazon.coral.service#InternalFailure"),
  InvalidAction(400),
  InvalidClientTokenId(403),
  InvalidParameterCombination(400),
  InvalidParameterValue(400),
  InvalidQueryParameter(400),
  MalformedQueryString(404),
  MissingAction(400),
  MissingAuthenticationToken(403),
  MissingParameter(400),
  /** A request for a service or feature this endpoint does not serve (e.g. S3 sent to Sluice). */
  NotImplemented(501, false, null),
  RequestExpired(400),
  ServiceUnavailable(503, false, "com.amazon.coral.service#ServiceUnavailableException"),
  SignatureDoesNotMatch(403),
  ThrottlingException(400),
  ValidationError(400),
  /** JSON body that is not valid JSON or has a member of the wrong type. */
  SerializationException(400, true, "com.amazon.coral.service#SerializationException"),
  /** JSON {@code X-Amz-Target} naming an operation the service does not have. */
  UnknownOperationException(400, true, "com.amazon.coral.service#UnknownOperationException");

  private final int status;
  private final boolean sender;
  private final String jsonType;

  CommonError(int status) {
    this(status, true, null);
  }

  CommonError(int status, boolean sender, String jsonType) {
    this.status = status;
    this.sender = sender;
    this.jsonType = jsonType;
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

  @Override
  public String jsonType() {
    return jsonType;
  }
}

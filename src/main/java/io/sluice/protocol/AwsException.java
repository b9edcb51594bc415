package io.sluice.protocol;

/**
 * A typed domain failure that becomes an AWS error response. Carries no stack trace: it is control
 * flow for bad input, not a bug report.
 */
public final class AwsException extends RuntimeException {
  private final AwsErrorCode error;

  public AwsException(AwsErrorCode error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public static AwsException of(AwsErrorCode error, String format, Object... args) {
    return new AwsException(error, args.length == 0 ? format : String.format(format, args));
  }

  /** AWS's usual wording for a parameter value it rejects. */
  public static AwsException invalidParameter(String parameter, Object value, String reason) {
    return new AwsException(CommonError.InvalidParameterValue,
        "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
  }

  /** AWS's usual wording for a required parameter that is absent. */
  public static AwsException missingParameter(String parameter) {
    return new AwsException(CommonError.MissingParameter,
        "The request must contain the parameter " + parameter + ".");
  }

  public AwsErrorCode error() {
    return error;
  }
}

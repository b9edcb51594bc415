package io.sluice.bus;

import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.vertx.core.eventbus.ReplyException;

/**
 * Maps event-bus reply failures to AWS errors: a timeout is 503 ServiceUnavailable (retry), no
 * handler is 500 InternalFailure, and a recipient's failure answers with the recipient's failure
 * code as its HTTP status: 503 as ServiceUnavailable, 403 as AccessDenied, 429 as
 * ThrottlingException, another 4xx as ValidationError, another 5xx as InternalFailure; a code that
 * is no HTTP error status as 500 InternalFailure.
 */
public final class BusFailures {
  private static final String UNKNOWN = "The request processing has failed because of an unknown error.";

  private BusFailures() {}

  public static AwsException toAwsError(Throwable failure) {
    if (failure instanceof AwsException aws) {
      return aws;
    }
    if (failure instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> AwsException.of(CommonError.ServiceUnavailable,
            "The service did not answer in time. Please retry.");
        case NO_HANDLERS -> AwsException.of(CommonError.InternalFailure, "The service is not running on this node.");
        case RECIPIENT_FAILURE -> recipientFailure(re.failureCode(), re.getMessage());
        case ERROR -> AwsException.of(CommonError.InternalFailure, UNKNOWN);
      };
    }
    return AwsException.of(CommonError.InternalFailure, UNKNOWN);
  }

  private static AwsException recipientFailure(int status, String message) {
    if (status == 503) {
      return AwsException.of(CommonError.ServiceUnavailable, "The service is unavailable. Please retry.");
    }
    if (status >= 400 && status < 500) {
      AwsErrorCode error = switch (status) {
        case 403 -> CommonError.AccessDenied;
        case 429 -> CommonError.ThrottlingException;
        default -> CommonError.ValidationError;
      };
      // A client error's message is meant for the client; a server error's stays in the log.
      String text = message == null || message.isBlank() ? "The request was rejected." : message;
      return new AwsException(withStatus(error, status), text);
    }
    if (status > 500 && status < 600) {
      return new AwsException(withStatus(CommonError.InternalFailure, status), UNKNOWN);
    }
    return AwsException.of(CommonError.InternalFailure, UNKNOWN);
  }

  private static AwsErrorCode withStatus(AwsErrorCode error, int status) {
    return error.httpStatus() == status ? error : new WithStatus(error, status);
  }

  /** An AWS error answered with another HTTP status than its own: the recipient's failure code. */
  private record WithStatus(AwsErrorCode error, int httpStatus) implements AwsErrorCode {
    @Override
    public String code() {
      return error.code();
    }

    @Override
    public boolean senderFault() {
      return error.senderFault();
    }

    @Override
    public String queryCode() {
      return error.queryCode();
    }

    @Override
    public String jsonType() {
      return error.jsonType();
    }
  }
}

package io.sluice.bus;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.vertx.core.eventbus.ReplyException;

/** Maps event-bus reply failures to AWS errors: timeout → 503, no handler → 500, recipient failure → 500. */
public final class BusFailures {
  private BusFailures() {}

  public static AwsException toAwsError(Throwable failure) {
    if (failure instanceof AwsException aws) {
      return aws;
    }
    if (failure instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> AwsException.of(CommonError.ServiceUnavailable,
            "The service did not answer in time. Please retry.");
        case NO_HANDLERS -> AwsException.of(CommonError.InternalFailure,
            "The service is not running on this node.");
        default -> AwsException.of(CommonError.InternalFailure,
            "The request processing has failed because of an unknown error.");
      };
    }
    return AwsException.of(CommonError.InternalFailure,
        "The request processing has failed because of an unknown error.");
  }
}

package io.sluice.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a failed reply on the bus becomes the AWS error the client sees. */
class BusFailuresTest {

  private static AwsErrorCode recipientFailing(int code) {
    return BusFailures.toAwsError(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, "Thing names are short.")).error();
  }

  @Test
  void timeoutIsServiceUnavailable() {
    // When the service does not answer in time
    AwsErrorCode error = BusFailures.toAwsError(new ReplyException(ReplyFailure.TIMEOUT, "timed out")).error();

    // Then the client is told to retry
    assertEquals("ServiceUnavailable", error.code());
    assertEquals(503, error.httpStatus());
  }

  @Test
  void noHandlerIsInternalFailure() {
    // When no verticle listens on the service's address
    AwsErrorCode error = BusFailures.toAwsError(new ReplyException(ReplyFailure.NO_HANDLERS, "none")).error();

    // Then it is a server fault
    assertEquals("InternalFailure", error.code());
    assertEquals(500, error.httpStatus());
  }

  @ParameterizedTest
  @CsvSource({
      "503, ServiceUnavailable, 503, false",
      "500, InternalFailure, 500, false",
      "504, InternalFailure, 504, false",
      "400, ValidationError, 400, true",
      "404, ValidationError, 404, true",
      "403, AccessDenied, 403, true",
      "429, ThrottlingException, 429, true",
      "-1, InternalFailure, 500, false",
      "0, InternalFailure, 500, false",
      "302, InternalFailure, 500, false"})
  void recipientFailureKeepsItsCodeAsTheStatus(int failureCode, String awsCode, int status, boolean senderFault) {
    // When the recipient fails the message with a code
    AwsErrorCode error = recipientFailing(failureCode);

    // Then the client sees that status, under the AWS code that fits it
    assertEquals(awsCode, error.code());
    assertEquals(status, error.httpStatus());
    assertEquals(senderFault, error.senderFault());
  }

  @Test
  void recipientsClientErrorKeepsItsMessageAndItsErrorsWireNames() {
    // When the recipient rejects the request with 429
    AwsException e = BusFailures.toAwsError(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 429, "Slow down."));

    // Then the client reads the recipient's message, under the throttling error's names
    assertEquals("Slow down.", e.getMessage());
    assertEquals(CommonError.ThrottlingException.queryCode(), e.error().queryCode());
    assertEquals(CommonError.ThrottlingException.jsonType(), e.error().jsonType());
  }

  @Test
  void recipientsServerErrorKeepsItsMessageOutOfTheAnswer() {
    // When the recipient fails with 500 and a message meant for the log
    AwsException e = BusFailures.toAwsError(
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "java.lang.IllegalStateException: boom"));

    // Then the client does not see it
    assertFalse(e.getMessage().contains("IllegalStateException"));
  }

  @Test
  void awsErrorPassesThrough() {
    // Given an AWS error the operation failed with
    AwsException original = AwsException.of(CommonError.InvalidParameterValue, "bad");

    // Then it is answered as it is
    assertSame(original, BusFailures.toAwsError(original));
  }

  @Test
  void anyOtherFailureIsInternalFailure() {
    // When the request failed in some other way
    AwsErrorCode error = BusFailures.toAwsError(new IllegalStateException("boom")).error();

    // Then it is a server fault
    assertEquals("InternalFailure", error.code());
    assertEquals(500, error.httpStatus());
    assertFalse(error.senderFault());
  }
}

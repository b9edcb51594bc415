package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.delivery.DeliveryFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpEndpointResponsesTest {
  static final String JSON = "application/json";

  static DeliveryFailure judge(int status, String contentType, String body) {
    return HttpEndpointResponses.judge("rid", status, contentType, null, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void twoHundredWithMatchingRequestIdAndTimestampDelivers() {
    assertNull(judge(200, JSON, "{\"requestId\":\"rid\",\"timestamp\":1578090903599}"));
    assertNull(judge(200, "application/json; charset=utf-8", "{\"requestId\":\"rid\",\"timestamp\":1}"));
  }

  @Test
  void aDifferentRequestIdIsAnInvalidResponse() {
    DeliveryFailure f = judge(200, JSON, "{\"requestId\":\"other\",\"timestamp\":1}");

    assertEquals("HttpEndpoint.InvalidResponseFromDestination", f.errorCode());
    assertTrue(f.retryable());
  }

  @Test
  void aMissingOrTextualTimestampIsAnInvalidResponse() {
    assertEquals("HttpEndpoint.InvalidResponseFromDestination",
        judge(200, JSON, "{\"requestId\":\"rid\"}").errorCode());
    assertEquals("HttpEndpoint.InvalidResponseFromDestination",
        judge(200, JSON, "{\"requestId\":\"rid\",\"timestamp\":\"1578090903599\"}").errorCode());
  }

  @Test
  void otherContentTypesUnexpectedFieldsAndNonJsonAreInvalid() {
    assertEquals("HttpEndpoint.InvalidResponseFromDestination",
        judge(200, "text/plain", "{\"requestId\":\"rid\",\"timestamp\":1}").errorCode());
    assertEquals("HttpEndpoint.InvalidResponseFromDestination",
        judge(200, null, "{\"requestId\":\"rid\",\"timestamp\":1}").errorCode());
    assertEquals("HttpEndpoint.InvalidResponseFromDestination",
        judge(200, JSON, "{\"requestId\":\"rid\",\"timestamp\":1,\"status\":\"ok\"}").errorCode());
    assertEquals("HttpEndpoint.InvalidResponseFromDestination", judge(200, JSON, "OK").errorCode());
    assertEquals("HttpEndpoint.InvalidResponseFromDestination", judge(200, JSON, "").errorCode());
  }

  @Test
  void aContentEncodedResponseIsInvalid() {
    DeliveryFailure f = HttpEndpointResponses.judge("rid", 200, JSON, "gzip",
        "{\"requestId\":\"rid\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8));

    assertEquals("HttpEndpoint.InvalidResponseFromDestination", f.errorCode());
  }

  @Test
  void status413IsAPermanentDestinationException() {
    DeliveryFailure f = judge(413, JSON, "{\"requestId\":\"rid\",\"timestamp\":1,\"errorMessage\":\"Payload too large\"}");

    assertEquals("HttpEndpoint.DestinationException", f.errorCode());
    assertFalse(f.retryable());
    assertTrue(f.getMessage().contains("413: {\"requestId\""), f.getMessage());
  }

  @Test
  void otherStatusesIncludingOther2xxAndRedirectsAreRetryable() {
    for (int status : new int[] {201, 204, 302, 400, 401, 429, 500, 503}) {
      DeliveryFailure f = judge(status, JSON, "{\"requestId\":\"rid\",\"timestamp\":1}");
      assertEquals("HttpEndpoint.DestinationException", f.errorCode(), "status " + status);
      assertTrue(f.retryable(), "status " + status);
    }
  }
}

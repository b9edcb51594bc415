package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which HTTP responses end a delivery and which make SNS retry it. */
class DeliveryOutcomeTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "200, DELIVERED", "201, DELIVERED", "204, DELIVERED", "299, DELIVERED",
      "301, REJECTED", "302, REJECTED", "400, REJECTED", "403, REJECTED", "404, REJECTED", "429, REJECTED",
      "499, REJECTED",
      "100, RETRYABLE", "101, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "599, RETRYABLE",
      "0, RETRYABLE", "600, RETRYABLE", "999, RETRYABLE"})
  void statusCodeDecidesWhetherTheAttemptIsRetried(int status, DeliveryOutcome expected) {
    assertEquals(expected, DeliveryOutcome.classify(status));
    assertEquals(expected == DeliveryOutcome.RETRYABLE, DeliveryOutcome.classify(status).retried());
  }

  @Test
  void endpointsGetFifteenSecondsToAnswer() {
    assertEquals(Duration.ofSeconds(15), DeliveryOutcome.REQUEST_TIMEOUT);
  }
}

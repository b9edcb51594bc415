package io.sluice.sns.delivery;

import java.time.Duration;

/**
 * What one HTTP/S delivery attempt came to, and so whether SNS retries it. The rule, from "Step 1:
 * Make sure your endpoint is ready to process Amazon SNS messages" and the older "Setting Amazon SNS
 * Delivery Retry Policies for HTTP/HTTPS Endpoints" page of the SNS guide:
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>3xx and 4xx: given up at once, never retried. AWS counts 4xx as a permanent failure, not a
 *       failed attempt; SNS follows no redirects either. (Surprising, but documented: an endpoint that
 *       answers 403 loses the message.)
 *   <li>Anything else (1xx, 5xx, a status outside 100-599), no answer within {@link #REQUEST_TIMEOUT},
 *       and any connection error (refused, unreachable, TLS failure): a failed attempt, retried under
 *       the delivery policy.
 * </ul>
 */
public enum DeliveryOutcome {
  /** The endpoint accepted the message (2xx). */
  DELIVERED,
  /** The endpoint refused it for good (3xx, 4xx): no retry. */
  REJECTED,
  /** A failed attempt: retry per the {@link RetrySchedule}. Also the outcome of timeouts and network errors. */
  RETRYABLE;

  /** How long SNS waits for an endpoint's response before counting the attempt as failed. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  /** The outcome of an attempt that got an HTTP response with this status code. */
  public static DeliveryOutcome classify(int status) {
    if (status >= 200 && status <= 299) {
      return DELIVERED;
    }
    if (status >= 300 && status <= 499) {
      return REJECTED;
    }
    return RETRYABLE;
  }

  /** Whether SNS tries this message again (if the policy has retries left). */
  public boolean retried() {
    return this == RETRYABLE;
  }
}

package io.sluice.sns.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * When to retry a failed HTTP/S delivery under a {@link RetryPolicy}, in the four phases of "Amazon
 * SNS message delivery retries" ("Delivery policy stages"). Retries are numbered from 1 (the first
 * attempt after the initial delivery) to {@code numRetries}; for {@code N0 = numNoDelayRetries},
 * {@code N1 = numMinDelayRetries}, {@code N2 = numMaxDelayRetries} and {@code NB = numRetries - N0 - N1
 * - N2}, the delay before retry {@code r} is
 *
 * <ol>
 *   <li>immediate phase, {@code r <= N0}: 0;
 *   <li>pre-backoff phase, {@code r <= N0 + N1}: {@code minDelayTarget};
 *   <li>backoff phase, {@code r <= N0 + N1 + NB}: backoff step {@code r - N0 - N1} of {@code NB}, see
 *       {@link BackoffFunction#delayMillis};
 *   <li>post-backoff phase, {@code r <= numRetries}: {@code maxDelayTarget}.
 * </ol>
 *
 * <p>A delay counts from the end of the failed attempt, so a retry after a 15-second timeout starts
 * 15 s plus the delay after the attempt began. The schedule is deterministic: AWS jitters its
 * retries, Sluice does not. Immutable and thread-safe.
 */
public final class RetrySchedule {

  /**
   * How long SNS keeps retrying one message to an HTTP/S endpoint at most, whatever the policy says
   * (the guide's "total policy retry time ... cannot be greater than 3,600 seconds").
   */
  public static final Duration MAX_RETRY_TIME = Duration.ofHours(1);

  private final RetryPolicy policy;

  public RetrySchedule(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Deliveries the policy allows at most: the initial attempt plus every retry. (The guide's tables
   * call the retries alone "total attempts", e.g. 50 for its 50-retry example policy.)
   */
  public int totalAttempts() {
    return policy.numRetries() + 1;
  }

  /**
   * The delay in milliseconds before retry {@code retryNumber}, or empty when the policy has no such
   * retry (the retries are exhausted).
   *
   * @throws IllegalArgumentException if {@code retryNumber < 1}
   */
  public OptionalLong delayBeforeAttempt(int retryNumber) {
    if (retryNumber < 1) {
      throw new IllegalArgumentException("retries are numbered from 1, not " + retryNumber);
    }
    if (retryNumber > policy.numRetries()) {
      return OptionalLong.empty();
    }
    int r = retryNumber;
    if (r <= policy.numNoDelayRetries()) {
      return OptionalLong.of(0);
    }
    r -= policy.numNoDelayRetries();
    if (r <= policy.numMinDelayRetries()) {
      return OptionalLong.of(policy.minDelayTarget() * 1000L);
    }
    r -= policy.numMinDelayRetries();
    int backoffRetries = policy.numBackoffRetries();
    if (r <= backoffRetries) {
      return OptionalLong.of(policy.backoffFunction()
          .delayMillis(r, backoffRetries, policy.minDelayTarget(), policy.maxDelayTarget()));
    }
    return OptionalLong.of(policy.maxDelayTarget() * 1000L);
  }

  /**
   * Like {@link #delayBeforeAttempt(int)}, but also empty when the retry would start more than
   * {@link #MAX_RETRY_TIME} after the initial attempt began.
   *
   * @param millisSinceFirstAttempt time from the start of the initial attempt to now (the end of the
   *     failed attempt)
   */
  public OptionalLong delayBeforeAttempt(int retryNumber, long millisSinceFirstAttempt) {
    OptionalLong delay = delayBeforeAttempt(retryNumber);
    if (delay.isPresent() && millisSinceFirstAttempt + delay.getAsLong() > MAX_RETRY_TIME.toMillis()) {
      return OptionalLong.empty();
    }
    return delay;
  }

  /** The sum of all retry delays, the least time a message can spend failing before it is given up. */
  public long totalDelayMillis() {
    long total = 0;
    for (int r = 1; r <= policy.numRetries(); r++) {
      total += delayBeforeAttempt(r).getAsLong();
    }
    return total;
  }

  @Override
  public String toString() {
    return "RetrySchedule" + policy;
  }
}

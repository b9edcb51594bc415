package io.sluice.sns.delivery;

import java.util.Locale;

/**
 * How the delay grows across the backoff phase of an HTTP/S retry policy, from {@code minDelayTarget}
 * on its first retry to {@code maxDelayTarget} on its last ("Amazon SNS message delivery retries",
 * section "Creating an HTTP/S delivery policy").
 *
 * <p>For backoff retry {@code k} of {@code n} (1-based) let {@code t = (k - 1) / (n - 1)}, or 0 when
 * {@code n = 1}. The delay is {@code min + (max - min) * f(k)} where
 *
 * <ul>
 *   <li>{@code linear}: {@code f = t}; every step adds the same amount. This is the one shape the AWS
 *       guide gives numbers for: three retries from 20 s to 40 s wait 20, 30 and 40 s.
 *   <li>{@code arithmetic}: {@code f = (k - 1) k / ((n - 1) n)}; the steps themselves grow by a fixed
 *       amount (an arithmetic series of increments).
 *   <li>{@code geometric}: the delay is {@code min * (max / min)^t} instead; each delay is the previous
 *       one times a fixed ratio.
 *   <li>{@code exponential}: {@code f = (2^(k-1) - 1) / (2^(n-1) - 1)}; each step doubles.
 * </ul>
 *
 * <p>The guide pins only the end points of the last three (its graph of 10 retries from 5 s to 260 s
 * shows every curve starting at the minimum and ending at the maximum, linear on top); the shapes in
 * between are Sluice's reading of the names. AWS also adds jitter, which Sluice does not.
 */
public enum BackoffFunction {
  LINEAR,
  ARITHMETIC,
  GEOMETRIC,
  EXPONENTIAL;

  /** The JSON spelling, e.g. {@code "linear"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The function a JSON value names (any letter case), or {@code null} if it names none. */
  public static BackoffFunction fromWire(String value) {
    for (BackoffFunction function : values()) {
      if (function.wireName().equalsIgnoreCase(value)) {
        return function;
      }
    }
    return null;
  }

  /**
   * The delay in milliseconds before backoff retry {@code step} of {@code steps}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= step <= steps} and {@code 1 <= min <= max}
   */
  public long delayMillis(int step, int steps, int minSeconds, int maxSeconds) {
    if (step < 1 || step > steps || minSeconds < 1 || maxSeconds < minSeconds) {
      throw new IllegalArgumentException("step " + step + " of " + steps + ", " + minSeconds + ".." + maxSeconds);
    }
    double min = minSeconds;
    double span = maxSeconds - minSeconds;
    double seconds;
    if (steps == 1) {
      seconds = min;
    } else {
      double k = step;
      double n = steps;
      seconds = switch (this) {
        case LINEAR -> min + span * (k - 1) / (n - 1);
        case ARITHMETIC -> min + span * (k - 1) * k / ((n - 1) * n);
        case GEOMETRIC -> min * Math.pow((double) maxSeconds / minSeconds, (k - 1) / (n - 1));
        case EXPONENTIAL -> min + span * (Math.pow(2, k - 1) - 1) / (Math.pow(2, n - 1) - 1);
      };
    }
    return Math.round(seconds * 1000);
  }
}

package io.sluice.sns.filter;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SNS's numbers: from -10^9 to 10^9 with five digits of accuracy after the decimal point ("Filter policy
 * constraints"). Numbers outside that range can only be matched literally.
 */
final class Numbers {
  private static final BigDecimal LIMIT = BigDecimal.valueOf(1_000_000_000L);

  private Numbers() {}

  static boolean representable(BigDecimal number) {
    return number.abs().compareTo(LIMIT) <= 0;
  }

  /** The number as SNS compares it, rounded to five decimal places. */
  static BigDecimal comparable(BigDecimal number) {
    return number.setScale(5, RoundingMode.HALF_UP);
  }

  static boolean equal(BigDecimal a, BigDecimal b) {
    if (representable(a) && representable(b)) {
      return comparable(a).compareTo(comparable(b)) == 0;
    }
    return a.compareTo(b) == 0;
  }
}

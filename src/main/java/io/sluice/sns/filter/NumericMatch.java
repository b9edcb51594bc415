package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * {@code {"numeric": [...]}}: {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=} or a range
 * {@code [">", a, "<=", b]}. Matches numbers within SNS's range only; bounds are already rounded to
 * five decimals.
 */
final class NumericMatch implements Condition {
  private final BigDecimal lower;
  private final boolean lowerOpen;
  private final BigDecimal upper;
  private final boolean upperOpen;

  NumericMatch(BigDecimal lower, boolean lowerOpen, BigDecimal upper, boolean upperOpen) {
    this.lower = lower;
    this.lowerOpen = lowerOpen;
    this.upper = upper;
    this.upperOpen = upperOpen;
  }

  static NumericMatch equalTo(BigDecimal value) {
    return new NumericMatch(value, false, value, false);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (!value.isNumber() || !Numbers.representable(value.decimalValue())) {
      return false;
    }
    BigDecimal number = Numbers.comparable(value.decimalValue());
    if (lower != null) {
      int c = number.compareTo(lower);
      if (c < 0 || c == 0 && lowerOpen) {
        return false;
      }
    }
    if (upper != null) {
      int c = number.compareTo(upper);
      return c < 0 || c == 0 && !upperOpen;
    }
    return true;
  }
}

package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * {@code anything-but}: a present value that is none of the listed strings, none of the listed numbers,
 * or does not match a {@code prefix}/{@code suffix}/{@code wildcard} pattern. A listed-numbers form
 * matches numbers only; the other forms also accept values that are not strings (AWS Event Ruler, the
 * engine behind SNS filtering, compares quoted strings, so a number never equals a listed string).
 */
final class AnythingBut implements Condition {
  private final Set<String> strings;
  private final List<BigDecimal> numbers;
  private final StringMatch pattern;

  private AnythingBut(Set<String> strings, List<BigDecimal> numbers, StringMatch pattern) {
    this.strings = strings;
    this.numbers = numbers;
    this.pattern = pattern;
  }

  static AnythingBut strings(Set<String> strings) {
    return new AnythingBut(Set.copyOf(strings), null, null);
  }

  static AnythingBut numbers(List<BigDecimal> numbers) {
    return new AnythingBut(null, List.copyOf(numbers), null);
  }

  static AnythingBut pattern(StringMatch pattern) {
    return new AnythingBut(null, null, pattern);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (pattern != null) {
      return !(value.isTextual() && pattern.test(value.textValue()));
    }
    if (numbers != null) {
      return value.isNumber() && numbers.stream().noneMatch(n -> Numbers.equal(n, value.decimalValue()));
    }
    return !(value.isTextual() && strings.contains(value.textValue()));
  }

  int wildcards() {
    return pattern == null ? 0 : pattern.wildcards();
  }

  @Override
  public int wildcardPoints() {
    return 1;
  }
}

package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * A literal in a match array: a string matches equal strings, a number equal numbers (numerically, so
 * {@code 5} matches a Number attribute {@code 5.0}), {@code true}, {@code false} and {@code null} the
 * same JSON values. Values are typed: the string {@code "5"} does not match the number {@code 5}.
 */
final class ExactMatch implements Condition {
  private final JsonNode literal;
  private final byte[] address;

  ExactMatch(JsonNode literal) {
    this.literal = literal;
    this.address = literal.isTextual() ? IpAddresses.parse(literal.textValue()) : null;
  }

  @Override
  public boolean matches(JsonNode value) {
    if (literal.isTextual()) {
      if (!value.isTextual()) {
        return false;
      }
      // SNS's rule engine (AWS Event Ruler) compares IP address literals as addresses: "::1" = "0:0:0:0:0:0:0:1".
      return literal.textValue().equals(value.textValue())
          || address != null && Arrays.equals(address, IpAddresses.parse(value.textValue()));
    }
    if (literal.isNumber()) {
      return value.isNumber() && Numbers.equal(literal.decimalValue(), value.decimalValue());
    }
    if (literal.isBoolean()) {
      return value.isBoolean() && literal.booleanValue() == value.booleanValue();
    }
    return value.isNull();
  }
}

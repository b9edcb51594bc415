package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code prefix}, {@code suffix}, {@code equals-ignore-case} and {@code wildcard}: they match strings only. */
final class StringMatch implements Condition {

  enum Kind {
    PREFIX("prefix"),
    SUFFIX("suffix"),
    EQUALS_IGNORE_CASE("equals-ignore-case"),
    WILDCARD("wildcard");

    final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** The kind a match-expression keyword names, or {@code null}. */
    static Kind of(String keyword) {
      for (Kind kind : values()) {
        if (kind.keyword.equals(keyword)) {
          return kind;
        }
      }
      return null;
    }
  }

  private final Kind kind;
  private final String operand;
  private final Wildcard wildcard;

  StringMatch(Kind kind, String operand) {
    this.kind = kind;
    this.operand = operand;
    this.wildcard = kind == Kind.WILDCARD ? Wildcard.parse(operand) : null;
  }

  @Override
  public boolean matches(JsonNode value) {
    return value.isTextual() && test(value.textValue());
  }

  boolean test(String text) {
    return switch (kind) {
      case PREFIX -> text.startsWith(operand);
      case SUFFIX -> text.endsWith(operand);
      case EQUALS_IGNORE_CASE -> text.equalsIgnoreCase(operand);
      case WILDCARD -> wildcard.matches(text);
    };
  }

  int wildcards() {
    return wildcard == null ? 0 : wildcard.wildcards();
  }

  @Override
  public int wildcardPoints() {
    return wildcard == null ? 0 : wildcard.points();
  }
}

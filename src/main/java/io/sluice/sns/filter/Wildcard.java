package io.sluice.sns.filter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@code wildcard} pattern: {@code *} matches any run of characters, {@code \*} and {@code \\} stand
 * for themselves ("String value matching", "Wildcard").
 */
final class Wildcard {
  private final Pattern regex;
  private final int wildcards;

  private Wildcard(Pattern regex, int wildcards) {
    this.regex = regex;
    this.wildcards = wildcards;
  }

  static Wildcard parse(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int wildcards = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean hasNext = i + 1 < pattern.length();
      if (c == '*') {
        if (hasNext && pattern.charAt(i + 1) == '*') {
          throw FilterPolicyError.invalidPolicy("Consecutive wildcard characters at pos " + bytePosition(pattern, i));
        }
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
        wildcards++;
      } else if (c == '\\') {
        if (!hasNext || (pattern.charAt(i + 1) != '*' && pattern.charAt(i + 1) != '\\')) {
          throw FilterPolicyError.invalidPolicy("Invalid escape character at pos " + bytePosition(pattern, i));
        }
        literal.append(pattern.charAt(++i));
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return new Wildcard(Pattern.compile(regex.toString(), Pattern.DOTALL), wildcards);
  }

  /** AWS counts positions in UTF-8 bytes. */
  private static int bytePosition(String text, int index) {
    return text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
  }

  boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  int wildcards() {
    return wildcards;
  }

  /** "Filter policy constraints": one wildcard is 1 point, several are 3 points each. */
  int points() {
    return wildcards <= 1 ? wildcards : 3 * wildcards;
  }
}

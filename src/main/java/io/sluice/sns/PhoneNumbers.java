package io.sluice.sns;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers in E.164 form ({@code +} and up to 15 digits), as the SMS actions take them. */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  private static final Pattern E164 = Pattern.compile("\\+?[1-9]\\d{1,14}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

  /**
   * The number as {@code +<digits>}, separators (spaces, dots, dashes, parentheses) removed; empty if
   * it is not an E.164 number.
   */
  public static Optional<String> e164(String number) {
    if (number == null) {
      return Optional.empty();
    }
    String compact = SEPARATORS.matcher(number).replaceAll("");
    if (!E164.matcher(compact).matches()) {
      return Optional.empty();
    }
    return Optional.of(compact.startsWith("+") ? compact : "+" + compact);
  }

  /** The E.164 form of {@code number}; InvalidParameter "input incorrectly formatted" otherwise. */
  public static String require(String parameter, String number) {
    return e164(number).orElseThrow(() -> PlatformAttributes.invalid(parameter, "input incorrectly formatted"));
  }
}

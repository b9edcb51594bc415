package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Queue tag rules ("Amazon SQS standard queue quotas", Queue tag): at most 50 tags per queue; keys of
 * 1 to 128 and values of 0 to 256 Unicode characters, made of letters, digits, white space and
 * {@code _ . : / = + - @}; neither may start with the reserved {@code aws:}. Breaking one is
 * InvalidParameterValue.
 */
final class Tags {
  static final int MAX_TAGS = 50;
  private static final int MAX_KEY = 128;
  private static final int MAX_VALUE = 256;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}\\s_.:/=+\\-@]*");

  private Tags() {}

  /** The tags of a request, checked one by one; empty when none were given. */
  static Map<String, String> validated(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String value = e.getValue() == null ? "" : e.getValue();
      checkKey(e.getKey());
      if (length(value) > MAX_VALUE || !ALLOWED.matcher(value).matches() || reserved(value)) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Tag values may only be up to %d characters long, of letters, digits, white space and _.:/=+-@,"
                + " and may not start with aws:.", MAX_VALUE);
      }
      out.put(e.getKey(), value);
    }
    checkCount(out.size());
    return out;
  }

  /** Checks tag keys named for removal. */
  static void checkKeys(Collection<String> keys) {
    keys.forEach(Tags::checkKey);
  }

  /** InvalidParameterValue when a queue would carry more than 50 tags. */
  static void checkCount(int count) {
    if (count > MAX_TAGS) {
      throw tooMany();
    }
  }

  /** What TagQueue answers when the queue would carry more than 50 tags. */
  static AwsException tooMany() {
    return AwsException.of(CommonError.InvalidParameterValue,
        "Too many tags added for queue. A queue may have at most %d tags.", MAX_TAGS);
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty() || length(key) > MAX_KEY || !ALLOWED.matcher(key).matches() || reserved(key)) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "Tag keys must be between 1 and %d characters in length, of letters, digits, white space and"
              + " _.:/=+-@, and may not start with aws:.", MAX_KEY);
    }
  }

  private static boolean reserved(String s) {
    return s.toLowerCase(Locale.ROOT).startsWith("aws:");
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}

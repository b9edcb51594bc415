package io.sluice.firehose.objects;

import java.util.Comparator;

/**
 * The order S3 lists keys in, the order of their UTF-8 bytes (Redis's {@code ZRANGEBYLEX} order):
 * the order of their code points, which {@link String#compareTo} (UTF-16 units) is not for
 * characters beyond U+FFFF.
 */
final class KeyOrder {
  static final Comparator<String> UTF8 = KeyOrder::compare;

  private KeyOrder() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * The bytes {@code first} to {@code last} of {@code body} as Redis's {@code GETRANGE} takes them
   * (negative offsets from the end, clamped, nothing when the range is empty).
   */
  static byte[] range(byte[] body, long first, long last) {
    long len = body.length;
    if (first < 0 && last < 0 && first > last) {
      return new byte[0];
    }
    long start = first < 0 ? Math.max(0, len + first) : first;
    long end = last < 0 ? Math.max(0, len + last) : last;
    end = Math.min(end, len - 1);
    if (len == 0 || start > end) {
      return new byte[0];
    }
    return java.util.Arrays.copyOfRange(body, (int) start, (int) end + 1);
  }
}

package io.sluice.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encoding as SigV4 defines it. Decoding is strict: a malformed escape is the caller's
 * {@code MalformedQueryString}, never a server error.
 */
public final class QueryStrings {
  private QueryStrings() {}

  /**
   * The {@code name=value} pairs of a raw query string in order, percent-decoded ({@code +} stays a
   * plus sign, as SigV4 canonicalization reads it). A pair without {@code =} has an empty value.
   */
  public static List<String[]> decodePairs(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String item : rawQuery.split("&")) {
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String name = percentDecode(eq < 0 ? item : item.substring(0, eq));
      String value = eq < 0 ? "" : percentDecode(item.substring(eq + 1));
      pairs.add(new String[] {name, value});
    }
    return pairs;
  }

  /** Decodes {@code %XX} escapes as UTF-8; throws {@code MalformedQueryString} on a broken escape. */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw AwsException.of(CommonError.MalformedQueryString,
              "The query string contains a malformed percent escape near position %d.", i);
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(bytes);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding as SigV4 defines it: every byte but the unreserved characters becomes %XX. */
  public static String uriEncode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}

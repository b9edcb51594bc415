package io.sluice.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request: what was changed, and what is sent. {@code body} is null for a GET.
 *
 * @param target the request target: the path and, if any, the query string
 */
record FuzzRequest(String label, String method, String target, Map<String, String> headers, byte[] body) {

  /** The request as text for a failure report (long bodies cut, control characters shown). */
  String describe() {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    if (text.length() > 600) {
      text = text.substring(0, 600) + "...(" + body.length + " bytes)";
    }
    String shown = target.length() > 600 ? target.substring(0, 600) + "..." : target;
    return label + "\n    " + method + " " + shown + " " + headers + "\n    " + visible(text);
  }

  private static String visible(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }
}

package io.sluice.protocol;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Renders query-protocol XML: {@code <ActionResponse><ActionResult>…</ActionResult>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></ActionResponse>} from a response
 * record, and {@code <ErrorResponse>} from an error. Lists and maps follow the service's
 * {@link QueryStyle} and each member's {@link QueryName}.
 */
public final class XmlWriter {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
  private final QueryStyle style;
  private final String namespace;

  public XmlWriter(String namespace, QueryStyle style) {
    this.namespace = namespace;
    this.style = style;
  }

  /** The whole success document for {@code action}; {@code response} may be null (no result). */
  public String success(String action, Object response, String requestId) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version=\"1.0\"?><").append(action).append("Response xmlns=\"")
        .append(namespace).append("\">");
    if (response != null) {
      sb.append('<').append(action).append("Result>");
      members(sb, response);
      sb.append("</").append(action).append("Result>");
    }
    sb.append("<ResponseMetadata><RequestId>").append(requestId)
        .append("</RequestId></ResponseMetadata></").append(action).append("Response>");
    return sb.toString();
  }

  /** The {@code <ErrorResponse>} document. */
  public String error(AwsErrorCode code, String message, String requestId) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"").append(namespace).append("\"><Error><Type>")
        .append(code.senderFault() ? "Sender" : "Receiver").append("</Type><Code>");
    escape(sb, code.queryCode());
    sb.append("</Code><Message>");
    escape(sb, message == null ? "" : message);
    sb.append("</Message><Detail/></Error><RequestId>").append(requestId)
        .append("</RequestId></ErrorResponse>");
    return sb.toString();
  }

  private void members(StringBuilder sb, Object record) {
    for (WireNames.Member m : WireNames.membersOf(record.getClass())) {
      Object v = m.read(record);
      if (v != null) {
        member(sb, m.queryName(), v, m);
      }
    }
  }

  private void member(StringBuilder sb, String name, Object v, WireNames.Member m) {
    if (v instanceof Collection<?> list) {
      if (style.flattened()) {
        for (Object item : list) {
          element(sb, name, item);
        }
      } else {
        sb.append('<').append(name).append('>');
        for (Object item : list) {
          element(sb, "member", item);
        }
        sb.append("</").append(name).append('>');
      }
    } else if (v instanceof Map<?, ?> map) {
      String key = m != null && m.mapKeyName() != null ? m.mapKeyName() : style.mapKey();
      String value = m != null && m.mapValueName() != null ? m.mapValueName() : style.mapValue();
      if (!style.flattened()) {
        sb.append('<').append(name).append('>');
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String entryName = style.flattened() ? name : "entry";
        sb.append('<').append(entryName).append('>');
        element(sb, key, e.getKey());
        if (e.getValue() != null) {
          element(sb, value, e.getValue());
        }
        sb.append("</").append(entryName).append('>');
      }
      if (!style.flattened()) {
        sb.append("</").append(name).append('>');
      }
    } else {
      element(sb, name, v);
    }
  }

  private void element(StringBuilder sb, String name, Object v) {
    sb.append('<').append(name).append('>');
    if (v.getClass().isRecord()) {
      members(sb, v);
    } else {
      scalar(sb, v);
    }
    sb.append("</").append(name).append('>');
  }

  private static void scalar(StringBuilder sb, Object v) {
    if (v instanceof byte[] bytes) {
      sb.append(Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof Instant instant) {
      sb.append(ISO.format(instant));
    } else {
      escape(sb, v.toString());
    }
  }

  /**
   * XML text escaping; carriage returns are kept as character references so parsers keep them.
   * Characters XML 1.0 does not allow at all (most control characters, U+FFFE, U+FFFF, unpaired
   * surrogates), which no reference can carry either, are written as U+FFFD.
   */
  public static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\r' -> sb.append("&#xD;");
        case '\t', '\n' -> sb.append(c);
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }
}

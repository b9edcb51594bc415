package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * jq's {@code strftime(fmt)}: formats its input, seconds since the epoch (or jq's broken-down time
 * array {@code [sec, min, hour, mday, mon(0-11), year-1900, …]}), in UTC with C's conversions
 * ({@code %Y %m %d %H %M %S %j %e %y %b %B %a %A %p %Z %z %s %F %T %D %u %w %V %G %%}).
 */
final class Strftime implements Function {

  @Override
  public void apply(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version)
      throws JsonQueryException {
    ZonedDateTime time = time(in);
    args.getFirst().apply(scope, in, format -> {
      if (!format.isTextual()) {
        throw new JsonQueryException("strftime/1 requires a string format");
      }
      output.emit(TextNode.valueOf(format(time, format.asText())), null);
    });
  }

  private static ZonedDateTime time(JsonNode in) throws JsonQueryException {
    if (in.isNumber()) {
      double seconds = in.asDouble();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1e9)).atZone(ZoneOffset.UTC);
    }
    if (in.isArray() && in.size() >= 6) {
      return ZonedDateTime.of(in.get(5).asInt() + 1900, in.get(4).asInt() + 1, in.get(3).asInt(), in.get(2).asInt(),
          in.get(1).asInt(), (int) in.get(0).asDouble(), 0, ZoneOffset.UTC);
    }
    throw new JsonQueryException("strftime/1 requires parsed datetime inputs");
  }

  static String format(ZonedDateTime t, String format) throws JsonQueryException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char conversion = format.charAt(++i);
      out.append(switch (conversion) {
        case 'Y' -> String.valueOf(t.getYear());
        case 'C' -> two(t.getYear() / 100);
        case 'y' -> two(t.getYear() % 100);
        case 'm' -> two(t.getMonthValue());
        case 'd' -> two(t.getDayOfMonth());
        case 'e' -> String.format("%2d", t.getDayOfMonth());
        case 'H' -> two(t.getHour());
        case 'I' -> two((t.getHour() + 11) % 12 + 1);
        case 'M' -> two(t.getMinute());
        case 'S' -> two(t.getSecond());
        case 'j' -> String.format("%03d", t.getDayOfYear());
        case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
        case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
        case 'p' -> t.getHour() < 12 ? "AM" : "PM";
        case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
        case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
        case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case 'G' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
        case 'Z' -> "UTC";
        case 'z' -> "+0000";
        case 's' -> String.valueOf(t.toEpochSecond());
        case 'F' -> DateTimeFormatter.ISO_LOCAL_DATE.format(t);
        case 'T' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
        case 'D' -> two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(t.getYear() % 100);
        case 'n' -> "\n";
        case 't' -> "\t";
        case '%' -> "%";
        default -> throw new JsonQueryException("strftime/1: unsupported conversion %" + conversion);
      });
    }
    return out.toString();
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }
}

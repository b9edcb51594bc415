package io.sluice.swf.store;

import io.sluice.swf.store.VisibilityStore.Filter;
import io.sluice.swf.store.VisibilityStore.Position;
import io.sluice.swf.store.VisibilityStore.Query;
import io.sluice.swf.store.VisibilityStore.RunSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The visibility index as text, the same for both engines: every run is a set of entries in one
 * lexicographically sorted set per domain (a Redis sorted set of equal scores, compared as bytes;
 * the memory engine compares the UTF-8 bytes too). An entry is
 * {@code <scope><field><value><time><workflowId>\n<runId>}: scope {@code o} open by start time,
 * {@code s} closed by start time, {@code c} closed by close time; field {@code a} (every run, empty
 * value), {@code w} workflowId, {@code n} type name, {@code v} type name and version, {@code g} tag,
 * {@code x} close status; the value preceded by its length (4 digits, so no value is a prefix of
 * another's entries); the time as 15 digits of epoch millis. So the runs a query selects are one
 * range of the set, in the query's order, and the member ({@code <workflowId>\n<runId>}, which no
 * control character of an id can disturb: SWF refuses them) follows a prefix of known length.
 */
final class VisibilityEntries {
  /** Digits of an entry's time. */
  static final int TIME_DIGITS = 15;
  /** The latest time an entry can hold (one below the largest, so that latest + 1 still has 15 digits). */
  static final long LATEST = 999_999_999_999_998L;

  private VisibilityEntries() {}

  /**
   * A range of entries: from {@code low} (inclusive or not) to {@code high}, exclusive; in each, the
   * member starts after {@code memberOffset} UTF-8 bytes (as Redis counts).
   */
  record Range(String low, boolean lowInclusive, String high, int memberOffset) {}

  /** A run's key among a domain's summaries. */
  static String member(String workflowId, String runId) {
    return workflowId + "\n" + runId;
  }

  static String member(RunSummary run) {
    return member(run.workflowId(), run.runId());
  }

  /** Fails unless {@code run} is open (or closed) as {@code open} says: what the store was told of it. */
  static void require(RunSummary run, boolean open) {
    if (run.open() != open) {
      throw new IllegalArgumentException((open ? "an open" : "a closed") + " run expected: " + run);
    }
  }

  /** Every entry of {@code run}: its open entries, or its closed ones by start and by close time. */
  static List<String> entries(RunSummary run) {
    List<String> out = new ArrayList<>();
    if (run.open()) {
      add(out, 'o', run.started(), run);
    } else {
      add(out, 's', run.started(), run);
      add(out, 'c', run.closed(), run);
    }
    return out;
  }

  private static void add(List<String> out, char scope, long time, RunSummary run) {
    String tail = time(time) + member(run.workflowId(), run.runId());
    out.add(prefix(scope, 'a', "") + tail);
    out.add(prefix(scope, 'w', run.workflowId()) + tail);
    out.add(prefix(scope, 'n', run.workflowType().name()) + tail);
    out.add(prefix(scope, 'v', typeValue(run.workflowType().name(), run.workflowType().version())) + tail);
    run.tagList().stream().distinct().forEach(tag -> out.add(prefix(scope, 'g', tag) + tail));
    if (!run.open()) {
      out.add(prefix(scope, 'x', run.closeStatus()) + tail);
    }
  }

  /** The prefix of the entries {@code query} selects, before their time. */
  static String prefix(Query query) {
    char scope = query.open() ? 'o' : query.byClose() ? 'c' : 's';
    Filter f = query.filter();
    if (f == null) {
      return prefix(scope, 'a', "");
    }
    return switch (f.field()) {
      case WORKFLOW_ID -> prefix(scope, 'w', f.value());
      case TYPE_NAME -> prefix(scope, 'n', f.value());
      case TYPE -> prefix(scope, 'v', typeValue(f.value(), f.version()));
      case TAG -> prefix(scope, 'g', f.value());
      case CLOSE_STATUS -> prefix(scope, 'x', f.value());
    };
  }

  /**
   * The entries {@code query} selects after {@code after} (null: all) in its order, oldest first or
   * newest first; null when there are none for sure.
   */
  static Range range(Query query, Position after, boolean newestFirst) {
    long from = Math.max(0, query.from());
    long to = Math.min(LATEST, query.to());
    if (!query.open()) {
      from = query.byClose() ? Math.max(from, query.retainedSince()) : from;
    }
    if (from > to) {
      return null;
    }
    String prefix = prefix(query);
    String low = prefix + time(from);
    boolean lowInclusive = true;
    String high = prefix + time(to + 1);
    if (after != null && !newestFirst && after.time() >= from) {
      if (after.time() > to) {
        return null;
      }
      low = prefix + time(after.time()) + member(after.workflowId(), after.runId());
      lowInclusive = false;
    } else if (after != null && newestFirst && after.time() <= to) {
      if (after.time() < from) {
        return null;
      }
      high = prefix + time(after.time()) + member(after.workflowId(), after.runId());
    }
    return new Range(low, lowInclusive, high, offset(prefix));
  }

  /** The closed runs' entries by close time before {@code retainedSince}: what a query forgets. */
  static Range expired(long retainedSince) {
    String prefix = prefix('c', 'a', "");
    return new Range(prefix + time(0), true, prefix + time(Math.clamp(retainedSince, 0, LATEST + 1)), offset(prefix));
  }

  private static int offset(String prefix) {
    return bytes(prefix).length + TIME_DIGITS;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String prefix(char scope, char field, String value) {
    return "" + scope + field + length(value) + value;
  }

  private static String typeValue(String name, String version) {
    return length(name) + name + version;
  }

  private static String length(String value) {
    return padded(value.length(), 4);
  }

  private static String time(long millis) {
    return padded(millis, TIME_DIGITS);
  }

  private static String padded(long value, int digits) {
    String text = Long.toString(value);
    return "0".repeat(digits - text.length()) + text;
  }
}

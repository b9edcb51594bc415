package io.sluice.swf;

import io.sluice.protocol.AwsException;
import io.sluice.swf.model.ResourceTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags of a domain: at most 50 (TooManyTagsFault past it), keys unique (a key tagged again takes
 * the new value), keys beginning with {@code aws:} reserved for AWS, keys and values made of Unicode
 * letters, digits, whitespace and {@code _ . : / = + - @} (API reference, RegisterDomain; "more than
 * 50 tags will throw a 400 error TooManyTagsFault": Developer Guide, swf-dg-limits).
 */
public final class SwfTags {
  /** The most tags a domain may have. */
  public static final int LIMIT = 50;
  private static final String RESERVED = "aws:";
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}\\s_.:/=+\\-@]*");

  private SwfTags() {}

  /** {@code current} with {@code added} (added or replacing a value), checked. */
  public static List<ResourceTag> add(List<ResourceTag> current, List<ResourceTag> added) {
    Map<String, ResourceTag> byKey = new LinkedHashMap<>();
    current.forEach(t -> byKey.put(t.key(), t));
    for (ResourceTag t : added) {
      if (t.key().regionMatches(true, 0, RESERVED, 0, RESERVED.length())) {
        throw AwsException.of(SwfError.ValidationException,
            "Tag keys beginning with 'aws:' are reserved for AWS use: %s", t.key());
      }
      if (!ALLOWED.matcher(t.key()).matches() || (t.value() != null && !ALLOWED.matcher(t.value()).matches())) {
        throw AwsException.of(SwfError.ValidationException,
            "Tags may only contain unicode letters, digits, whitespace, or these symbols: _ . : / = + - @");
      }
      byKey.put(t.key(), new ResourceTag(t.key(), t.value() == null ? "" : t.value()));
    }
    if (byKey.size() > LIMIT) {
      throw AwsException.of(SwfError.TooManyTagsFault, "A domain may have at most %d tags.", LIMIT);
    }
    return List.copyOf(byKey.values());
  }

  /** {@code current} without the tags of {@code keys}. */
  public static List<ResourceTag> remove(List<ResourceTag> current, Collection<String> keys) {
    List<ResourceTag> kept = new ArrayList<>(current);
    kept.removeIf(t -> keys.contains(t.key()));
    return List.copyOf(kept);
  }
}

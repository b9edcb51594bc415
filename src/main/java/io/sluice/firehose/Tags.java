package io.sluice.firehose;

import io.sluice.protocol.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery stream tags (API reference, TagDeliveryStream: at most 50 per stream; keys and values as
 * the model's {@code TagKey}/{@code TagValue} patterns, checked with the request).
 */
public final class Tags {
  /** The most tags a delivery stream may have. */
  public static final int LIMIT = 50;

  /** A tag on the wire. */
  public record Tag(String key, String value) {}

  private Tags() {}

  /** {@code current} with {@code added} (a later value for a key replaces the earlier); LimitExceededException past 50. */
  public static Map<String, String> add(Map<String, String> current, List<Tag> added) {
    Map<String, String> tags = new LinkedHashMap<>(current);
    for (Tag tag : added) {
      tags.put(tag.key(), tag.value() == null ? "" : tag.value());
    }
    if (tags.size() > LIMIT) {
      throw AwsException.of(FirehoseError.LimitExceededException,
          "A delivery stream cannot have more than %d tags; this request would leave it %d.", LIMIT, tags.size());
    }
    return tags;
  }
}

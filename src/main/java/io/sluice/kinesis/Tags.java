package io.sluice.kinesis;

import io.sluice.protocol.AwsException;
import java.util.List;
import java.util.Map;

/** The rules for stream tags (API reference, AddTagsToStream; Tagging your streams). */
public final class Tags {
  /** The most tags a stream may have. */
  public static final int LIMIT = 50;

  private Tags() {}

  /** The tags of a tagging request: ValidationException unless 1 to 200, then {@link #check}. */
  public static Map<String, String> checkRequest(Map<String, String> tags) {
    if (tags == null) {
      throw KinesisOperation.validation(null, "tags", "Member must not be null");
    }
    if (tags.isEmpty() || tags.size() > 200) {
      throw KinesisOperation.validation(tags, "tags", "Member must have length "
          + (tags.isEmpty() ? "greater than or equal to 1" : "less than or equal to 200"));
    }
    check(tags);
    return tags;
  }

  /** The keys of an untagging request: ValidationException unless 1 to 50. */
  public static List<String> checkKeys(List<String> keys) {
    if (keys == null) {
      throw KinesisOperation.validation(null, "tagKeys", "Member must not be null");
    }
    if (keys.isEmpty() || keys.size() > LIMIT) {
      throw KinesisOperation.validation(keys, "tagKeys", "Member must have length "
          + (keys.isEmpty() ? "greater than or equal to 1" : "less than or equal to 50"));
    }
    return keys;
  }

  /** InvalidArgumentException unless every key is 1-128 and every value 0-256 characters. */
  public static void check(Map<String, String> tags) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
        throw AwsException.of(KinesisError.InvalidArgumentException,
            "Tag key must be between 1 and 128 characters long.");
      }
      if (tag.getKey().startsWith("aws:")) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Tag keys may not start with 'aws:'.");
      }
      if (tag.getValue().length() > 256) {
        throw AwsException.of(KinesisError.InvalidArgumentException,
            "Tag value must be between 0 and 256 characters long.");
      }
    }
  }
}

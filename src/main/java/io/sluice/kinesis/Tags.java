package io.sluice.kinesis;

import io.sluice.protocol.AwsException;
import java.util.Map;

/** The rules for stream tags (API reference, AddTagsToStream; Tagging your streams). */
public final class Tags {
  /** The most tags a stream may have. */
  public static final int LIMIT = 50;

  private Tags() {}

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

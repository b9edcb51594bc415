package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.sns.model.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag rules of SNS topics (see "Amazon SNS topic tagging"): 50 per topic, key 1–128, value ≤ 256 chars. */
public final class TopicTags {
  private TopicTags() {}

  public static final int MAX_TAGS = 50;

  /** The tags as a map, validated; a later tag of the same key wins. */
  public static Map<String, String> validated(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags == null) {
      return out;
    }
    for (Tag t : tags) {
      if (t == null || t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Tags Reason: Tag keys must be between "
            + "1 and 128 characters long");
      }
      if (t.key().regionMatches(true, 0, "aws:", 0, 4)) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Tags Reason: Tag keys must not start "
            + "with the reserved prefix aws:");
      }
      if (t.value() == null || t.value().length() > 256) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Tags Reason: Tag values must be at most "
            + "256 characters long");
      }
      out.put(t.key(), t.value());
    }
    return out;
  }

  public static void checkCount(int count) {
    if (count > MAX_TAGS) {
      throw tooMany();
    }
  }

  /** What TagResource answers when the topic would carry more than 50 tags. */
  public static AwsException tooMany() {
    return AwsException.of(SnsError.TagLimitExceeded, "Could not complete request: tag quota of per resource exceeded");
  }

  public static List<Tag> asList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }
}

package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import java.util.LinkedHashMap;
import java.util.Map;

/** Queue tag limits ("Quotas related to queues"): 50 tags, keys up to 128 and values up to 256 characters. */
final class Tags {
  static final int MAX_TAGS = 50;

  private Tags() {}

  static Map<String, String> validated(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw AwsException.of(CommonError.InvalidParameterValue, "Too many tags added for queue. Maximum is %d.", MAX_TAGS);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw AwsException.of(CommonError.InvalidParameterValue, "Tag keys must be between 1 and 128 characters in length.");
      }
      if (value.length() > 256) {
        throw AwsException.of(CommonError.InvalidParameterValue, "Tag values may only be up to 256 characters in length.");
      }
      out.put(key, value);
    }
    return out;
  }
}

package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of a field's match array. A field matches when any of its conditions does. */
sealed interface Condition permits ExactMatch, StringMatch, NumericMatch, AnythingBut, CidrMatch, ExistsMatch {

  /** Whether one leaf value (a JSON string, number, boolean or null) satisfies this condition. */
  boolean matches(JsonNode value);

  /** Whether a field satisfies this condition, given whether it is present and its leaf values. */
  default boolean matches(boolean present, List<JsonNode> values) {
    for (JsonNode value : values) {
      if (matches(value)) {
        return true;
      }
    }
    return false;
  }

  /** Points toward the wildcard complexity limit ("Filter policy constraints"). */
  default int wildcardPoints() {
    return 0;
  }
}

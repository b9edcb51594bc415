package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code {"exists": true|false}}: whether the field is present at all, whatever its value. */
record ExistsMatch(boolean exists) implements Condition {

  @Override
  public boolean matches(JsonNode value) {
    return exists;
  }

  @Override
  public boolean matches(boolean present, List<JsonNode> values) {
    return present == exists;
  }
}

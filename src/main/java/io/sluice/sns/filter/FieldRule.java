package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A leaf key of a policy and its match array: the field matches when any condition does. {@code path}
 * joins the keys from the top with dots, {@code depth} is its nesting level (1 at the top) and
 * {@code values} the length of its match array.
 */
record FieldRule(String path, int depth, int values, List<Condition> conditions) {

  boolean test(MessageFields fields) {
    boolean present = fields.present(path);
    List<JsonNode> leaves = present ? fields.values(path) : List.of();
    return conditions.stream().anyMatch(condition -> condition.matches(present, leaves));
  }

  /** "Filter policy constraints": a field's share of the total combination is its values times its level. */
  long combinations() {
    return (long) values * depth;
  }
}

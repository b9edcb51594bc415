package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON message body as fields, flattened to leaves keyed by their dotted path. Arrays anywhere on the
 * way contribute every element. Only leaves count: a key whose value is an object or an empty array is
 * absent for {@code exists}, as in AWS Event Ruler, the engine behind SNS filtering. A dotted policy key
 * {@code "a.b"} therefore also matches the body {@code {"a": {"b": ...}}}, as AWS does.
 */
final class BodyFields implements MessageFields {
  private final Set<String> policyPaths;
  private final Map<String, List<JsonNode>> leaves = new HashMap<>();

  BodyFields(JsonNode body, Set<String> policyPaths) {
    this.policyPaths = policyPaths;
    body.properties().forEach(field -> visit(field.getKey(), field.getValue()));
  }

  private void visit(String path, JsonNode node) {
    if (!leadsToPolicy(path)) {
      return;
    }
    if (node.isObject()) {
      node.properties().forEach(field -> visit(path + "." + field.getKey(), field.getValue()));
    } else if (node.isArray()) {
      node.forEach(element -> visit(path, element));
    } else {
      leaves.computeIfAbsent(path, p -> new ArrayList<>()).add(node);
    }
  }

  private boolean leadsToPolicy(String path) {
    for (String policyPath : policyPaths) {
      if (policyPath.equals(path) || policyPath.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean present(String path) {
    return leaves.containsKey(path);
  }

  @Override
  public List<JsonNode> values(String path) {
    return leaves.getOrDefault(path, List.of());
  }
}

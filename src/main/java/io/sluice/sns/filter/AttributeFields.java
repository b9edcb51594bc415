package io.sluice.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Message attributes as fields: a String is a string, a Number a number, each element of a String.Array
 * a value of its own JSON type. Binary attributes are present (for {@code exists}) but have no value a
 * policy can match ("Filter policy constraints": SNS ignores Binary attributes).
 */
final class AttributeFields implements MessageFields {
  private final Map<String, MessageAttributeValue> attributes;

  AttributeFields(Map<String, MessageAttributeValue> attributes) {
    this.attributes = attributes == null ? Map.of() : attributes;
  }

  @Override
  public boolean present(String path) {
    return attributes.get(path) != null;
  }

  @Override
  public List<JsonNode> values(String path) {
    MessageAttributeValue attribute = attributes.get(path);
    if (attribute == null || attribute.stringValue() == null || attribute.dataType() == null) {
      return List.of();
    }
    String type = attribute.dataType();
    String value = attribute.stringValue();
    // "Number.Array" appears in the "Numeric value matching" examples; it is read like String.Array.
    if (type.equals("String.Array") || type.equals("Number.Array")) {
      return arrayElements(value);
    }
    int dot = type.indexOf('.');
    return switch (dot < 0 ? type : type.substring(0, dot)) {
      case "String" -> List.of(TextNode.valueOf(value));
      case "Number" -> number(value);
      default -> List.of();
    };
  }

  private static List<JsonNode> number(String value) {
    try {
      return List.of(DecimalNode.valueOf(new BigDecimal(value.trim())));
    } catch (NumberFormatException e) {
      return List.of();
    }
  }

  private static List<JsonNode> arrayElements(String json) {
    try {
      JsonNode array = PolicyParser.JSON.readTree(json);
      List<JsonNode> leaves = new ArrayList<>();
      collect(array, leaves);
      return array.isArray() ? leaves : List.of();
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static void collect(JsonNode node, List<JsonNode> leaves) {
    if (node.isArray()) {
      node.forEach(element -> collect(element, leaves));
    } else if (node.isValueNode()) {
      leaves.add(node);
    }
  }
}

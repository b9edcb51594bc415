package io.sluice.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shapes of one AWS API model (botocore's {@code service-2.json} {@code shapes}, documentation
 * removed, as a resource), and the check of a request against them: required members, types,
 * lengths, ranges, enums and patterns, reported as AWS's request validation does (every violation in
 * one ValidationException of the service's own code, members named in lower camel case). A member of
 * the wrong JSON type is a SerializationException, as for every JSON service.
 */
public final class ModelShapes {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_REPORTED = 10;

  private final JsonNode shapes;
  private final AwsErrorCode validationError;

  private ModelShapes(JsonNode shapes, AwsErrorCode validationError) {
    this.shapes = shapes;
    this.validationError = validationError;
  }

  /**
   * The shapes in resource {@code resource} (a JSON object: shape name → shape), whose violations
   * are answered as {@code validationError}.
   */
  public static ModelShapes load(String resource, AwsErrorCode validationError) {
    try (InputStream in = ModelShapes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new ModelShapes(JsonCodec.json().readTree(in), validationError);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shape named {@code name}; missing if the model has none. */
  public JsonNode shape(String name) {
    return shapes.path(name);
  }

  /** The names of the members of structure {@code shape}, in the model's order. */
  public List<String> members(String shape) {
    List<String> names = new ArrayList<>();
    shape(shape).path("members").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The shape of member {@code member} of structure {@code shape}, or null if it has none. */
  public String memberShape(String shape, String member) {
    JsonNode m = shape(shape).path("members").path(member);
    return m.isMissingNode() ? null : m.path("shape").asText();
  }

  /** Checks {@code value} (a request record, converted to JSON) against structure {@code shape}. */
  public void validate(String shape, Object value) {
    JsonNode tree = value instanceof JsonNode n ? n : JsonCodec.json().valueToTree(value);
    List<String> errors = new ArrayList<>();
    check(shape, tree, "", errors);
    if (!errors.isEmpty()) {
      int n = errors.size();
      throw AwsException.of(validationError, "%d validation error%s detected: %s", n,
          n == 1 ? "" : "s", String.join("; ", errors.subList(0, Math.min(n, MAX_REPORTED))));
    }
  }

  private void check(String shapeName, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    JsonNode shape = shape(shapeName);
    String type = shape.path("type").asText();
    switch (type) {
      case "structure" -> {
        if (!value.isObject()) {
          throw wrongType(path, "a structure");
        }
        for (JsonNode required : shape.path("required")) {
          JsonNode member = value.get(required.asText());
          if (member == null || member.isNull()) {
            errors.add(violation(null, join(path, required.asText()), "Member must not be null"));
          }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          JsonNode member = shape.path("members").path(field.getKey());
          if (!member.isMissingNode()) {
            check(member.path("shape").asText(), field.getValue(), join(path, field.getKey()), errors);
          }
        }
      }
      case "list" -> {
        if (!value.isArray()) {
          throw wrongType(path, "a list");
        }
        length(shape, value.size(), value, path, errors);
        for (int i = 0; i < value.size(); i++) {
          check(shape.path("member").path("shape").asText(), value.get(i), path + "." + (i + 1) + ".member", errors);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          throw wrongType(path, "a map");
        }
        length(shape, value.size(), value, path, errors);
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
          Map.Entry<String, JsonNode> entry = entries.next();
          check(shape.path("key").path("shape").asText(), JsonCodec.json().getNodeFactory().textNode(entry.getKey()),
              path + ".key", errors);
          check(shape.path("value").path("shape").asText(), entry.getValue(), path + "." + entry.getKey(), errors);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          throw wrongType(path, "a string");
        }
        String text = value.asText();
        length(shape, text.length(), value, path, errors);
        JsonNode allowed = shape.path("enum");
        if (allowed.isArray()) {
          boolean found = false;
          for (JsonNode e : allowed) {
            found |= e.asText().equals(text);
          }
          if (!found) {
            List<String> names = new ArrayList<>();
            allowed.forEach(e -> names.add(e.asText()));
            errors.add(violation(text, path, "Member must satisfy enum value set: " + names));
          }
        }
        Pattern pattern = pattern(shape.path("pattern").asText(null));
        if (pattern != null && !pattern.matcher(text).matches()) {
          errors.add(violation(text, path, "Member must satisfy regular expression pattern: "
              + shape.path("pattern").asText()));
        }
      }
      case "integer", "long" -> {
        if (!value.isIntegralNumber()) {
          throw wrongType(path, "an integer");
        }
        range(shape, value.asLong(), value, path, errors);
      }
      case "double" -> {
        if (!value.isNumber()) {
          throw wrongType(path, "a number");
        }
        range(shape, value.asLong(), value, path, errors);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw wrongType(path, "a boolean");
        }
      }
      case "timestamp" -> {
        if (!value.isNumber()) {
          throw wrongType(path, "a timestamp");
        }
      }
      case "blob" -> {
        byte[] bytes;
        try {
          bytes = value.isBinary() ? value.binaryValue() : Base64.getDecoder().decode(value.asText());
        } catch (IOException | IllegalArgumentException e) {
          throw wrongType(path, "base64-encoded bytes");
        }
        length(shape, bytes.length, JsonCodec.json().getNodeFactory().textNode("java.nio.HeapByteBuffer"), path,
            errors);
      }
      default -> { }
    }
  }

  private static void length(JsonNode shape, long length, JsonNode value, String path, List<String> errors) {
    if (shape.has("min") && length < shape.get("min").asLong()) {
      errors.add(violation(shown(value), path, "Member must have length greater than or equal to "
          + shape.get("min").asLong()));
    }
    if (shape.has("max") && length > shape.get("max").asLong()) {
      errors.add(violation(shown(value), path, "Member must have length less than or equal to "
          + shape.get("max").asLong()));
    }
  }

  private static void range(JsonNode shape, long number, JsonNode value, String path, List<String> errors) {
    if (shape.has("min") && number < shape.get("min").asLong()) {
      errors.add(violation(value.asText(), path, "Member must have value greater than or equal to "
          + shape.get("min").asLong()));
    }
    if (shape.has("max") && number > shape.get("max").asLong()) {
      errors.add(violation(value.asText(), path, "Member must have value less than or equal to "
          + shape.get("max").asLong()));
    }
  }

  private static String shown(JsonNode value) {
    String text = value.isValueNode() ? value.asText() : value.toString();
    return text.length() > 256 ? text.substring(0, 256) + "..." : text;
  }

  private static Pattern pattern(String regex) {
    if (regex == null || regex.isEmpty()) {
      return null;
    }
    return PATTERNS.computeIfAbsent(regex, r -> {
      try {
        return Pattern.compile(r, Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        return Pattern.compile("(?s).*");
      }
    });
  }

  private static String join(String path, String member) {
    String lower = Character.toLowerCase(member.charAt(0)) + member.substring(1);
    return path.isEmpty() ? lower : path + "." + lower;
  }

  private static String violation(String value, String path, String constraint) {
    return "Value '" + (value == null ? "null" : value) + "' at '" + path + "' failed to satisfy constraint: "
        + constraint;
  }

  private static AwsException wrongType(String path, String expected) {
    return AwsException.of(CommonError.SerializationException, "Value at '%s' must be %s.", path, expected);
  }

  /** An empty JSON object. */
  public static ObjectNode object() {
    return JsonCodec.json().createObjectNode();
  }
}

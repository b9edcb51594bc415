package io.sluice.storage.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a document, the same on both engines: a JSON object with one member per
 * top-level field of the document, holding either the field's value as JSON text (a string), or,
 * for a field whose value is an object, an object with the JSON text of each entry. Updates and
 * conditions act on this form without ever parsing a value (Redis's Lua would turn numbers into
 * doubles and empty arrays into objects); only {@code le} reads a number. {@code lua/documents/lib.lua}
 * applies the same steps on Redis as {@link #holds} and {@link #apply} do here.
 */
final class DocumentCodec {
  /** The project's mapper, with fields under their Java names. */
  static final ObjectMapper MAPPER = JsonCodec.json().copy()
      .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

  /** A value's JSON text; for an object, its stored form. */
  record Value(String text, boolean object) {}

  private DocumentCodec() {}

  /** A document id: any text but the empty one. */
  static String requireId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a document needs an id");
    }
    return id;
  }

  static Value value(Object value) {
    JsonNode tree = MAPPER.valueToTree(value);
    return tree.isObject() ? new Value(flat((ObjectNode) tree).toString(), true) : new Value(tree.toString(), false);
  }

  static String json(Object value) {
    return MAPPER.valueToTree(value).toString();
  }

  /** The JSON text of a value a condition compares with: neither null nor an object. */
  static String scalarJson(String field, Object value) {
    JsonNode tree = value == null ? null : MAPPER.valueToTree(value);
    if (tree == null || tree.isNull() || tree.isObject()) {
      throw new IllegalArgumentException("a condition on " + field + " needs a value, and not an object");
    }
    return tree.toString();
  }

  /** The stored form of a document, which must map to a JSON object. */
  static ObjectNode stored(Object document) {
    JsonNode tree = document == null ? null : MAPPER.valueToTree(document);
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("a document must map to a JSON object: " + document);
    }
    return flat((ObjectNode) tree);
  }

  private static ObjectNode flat(ObjectNode tree) {
    ObjectNode out = MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      JsonNode value = field.getValue();
      if (value.isObject()) {
        ObjectNode entries = out.putObject(field.getKey());
        value.properties().forEach(e -> entries.put(e.getKey(), e.getValue().toString()));
      } else {
        out.put(field.getKey(), value.toString());
      }
    }
    return out;
  }

  static ObjectNode parseStored(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document a stored form holds, as {@code type}. */
  static <T> T read(ObjectNode stored, JavaType type) {
    ObjectNode tree = MAPPER.createObjectNode();
    try {
      for (Map.Entry<String, JsonNode> field : stored.properties()) {
        JsonNode value = field.getValue();
        if (value.isObject()) {
          ObjectNode entries = tree.putObject(field.getKey());
          for (Map.Entry<String, JsonNode> e : value.properties()) {
            entries.set(e.getKey(), MAPPER.readTree(e.getValue().textValue()));
          }
        } else {
          tree.set(field.getKey(), MAPPER.readTree(value.textValue()));
        }
      }
      return MAPPER.readerFor(type).readValue(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored document as " + type + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String storedText, JavaType type) {
    return read(parseStored(storedText), type);
  }

  /** Whether every condition among {@code steps} holds for the stored form. */
  static boolean holds(ObjectNode stored, List<Step> steps) {
    for (Step step : steps) {
      JsonNode current = stored.get(step.field());
      boolean holds = switch (step.op()) {
        case Step.EQUALS -> current != null && current.isTextual() && current.textValue().equals(step.value());
        case Step.AT_MOST -> current != null && current.isTextual() && atMost(current.textValue(), step.value());
        default -> true;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** Numbers compare as doubles, as Lua compares them. */
  private static boolean atMost(String json, String bound) {
    try {
      JsonNode number = MAPPER.readTree(json);
      return number.isNumber() && number.doubleValue() <= Double.parseDouble(bound);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** Applies the changes among {@code steps} to the stored form, in order. */
  static void apply(ObjectNode stored, List<Step> steps) {
    for (Step step : steps) {
      switch (step.op()) {
        case Step.SET -> stored.put(step.field(), step.value());
        case Step.SET_OBJECT -> stored.set(step.field(), parseStored(step.value()));
        case Step.REMOVE -> stored.remove(step.field());
        case Step.SET_ENTRY -> {
          JsonNode current = stored.get(step.field());
          ObjectNode entries = current instanceof ObjectNode o ? o : stored.putObject(step.field());
          entries.put(step.key(), step.value());
        }
        case Step.REMOVE_ENTRY -> {
          if (stored.get(step.field()) instanceof ObjectNode entries) {
            entries.remove(step.key());
          }
        }
        default -> { }
      }
    }
  }
}

package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns AWS query-protocol parameters ({@code Attribute.1.Name=…}) into the same request record the
 * JSON protocol produces, guided by the record's components and the service's {@link QueryStyle}.
 * Parameters are first folded into a tree on their dots, then read alongside the record type.
 */
public final class QueryDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final ObjectMapper mapper;
  private final QueryStyle style;

  public QueryDecoder(ObjectMapper mapper, QueryStyle style) {
    this.mapper = mapper;
    this.style = style;
  }

  /** Decodes {@code params} into an instance of {@code type}; bad values become InvalidParameterValue. */
  public <T> T decode(Map<String, String> params, Class<T> type) {
    ObjectNode tree = toTree(params, type);
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw InputErrors.of(CommonError.InvalidParameterValue, e);
    }
  }

  /** The JSON tree equivalent of {@code params} for {@code type} (exposed for tests). */
  public ObjectNode toTree(Map<String, String> params, Class<?> type) {
    Node root = new Node();
    params.forEach(root::put);
    return record(root, type);
  }

  private ObjectNode record(Node node, Class<?> type) {
    ObjectNode out = NODES.objectNode();
    for (WireNames.Member m : WireNames.membersOf(type)) {
      Node child = node.child(m.queryName());
      if (child == null && !m.queryName().equals(m.jsonName())) {
        child = node.child(m.jsonName());
      }
      if (child != null) {
        JsonNode value = value(child, m.component().getGenericType(), m);
        if (value != null) {
          out.set(m.jsonName(), value);
        }
      }
    }
    return out;
  }

  private JsonNode value(Node node, Type type, WireNames.Member member) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        return list(node, p.getActualTypeArguments()[0]);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return map(node, p.getActualTypeArguments()[1], member);
      }
      throw new IllegalStateException("unsupported query type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord()) {
      return record(node, c);
    }
    return node.value == null ? null : NODES.textNode(node.value);
  }

  private ArrayNode list(Node node, Type elementType) {
    ArrayNode out = NODES.arrayNode();
    Node items = style.flattened() ? node : node.child("member");
    if (items == null) {
      return out;
    }
    if (items.children == null && items.value != null) {
      // A lone "Name=value" where "Name.1=value" was expected: a one-element list.
      out.add(NODES.textNode(items.value));
      return out;
    }
    for (Node item : items.indexed()) {
      JsonNode v = value(item, elementType, null);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private ObjectNode map(Node node, Type valueType, WireNames.Member member) {
    ObjectNode out = NODES.objectNode();
    Node entries = style.flattened() ? node : node.child("entry");
    if (entries == null) {
      return out;
    }
    String keyName = member != null && member.mapKeyName() != null ? member.mapKeyName() : style.mapKey();
    String valueName = member != null && member.mapValueName() != null ? member.mapValueName() : style.mapValue();
    for (Node entry : entries.indexed()) {
      Node key = entry.child(keyName);
      Node value = entry.child(valueName);
      if (key == null || key.value == null) {
        continue;
      }
      JsonNode v = value == null ? null : value(value, valueType, null);
      out.set(key.value, v == null ? NODES.nullNode() : v);
    }
    return out;
  }

  /** Parameters folded on their dots: {@code A.1.B=x} becomes A → 1 → B = x. */
  private static final class Node {
    String value;
    Map<String, Node> children;

    void put(String name, String v) {
      Node n = this;
      int start = 0;
      while (true) {
        int dot = name.indexOf('.', start);
        String part = dot < 0 ? name.substring(start) : name.substring(start, dot);
        if (n.children == null) {
          n.children = new LinkedHashMap<>();
        }
        n = n.children.computeIfAbsent(part, k -> new Node());
        if (dot < 0) {
          break;
        }
        start = dot + 1;
      }
      n.value = v;
    }

    Node child(String name) {
      return children == null ? null : children.get(name);
    }

    /** Children whose names are positive integers, in numeric order. */
    List<Node> indexed() {
      if (children == null) {
        return List.of();
      }
      List<Map.Entry<Integer, Node>> found = new ArrayList<>();
      children.forEach((k, v) -> {
        try {
          int i = Integer.parseInt(k);
          if (i > 0) {
            found.add(Map.entry(i, v));
          }
        } catch (NumberFormatException ignored) {
          // not a list index
        }
      });
      found.sort(Comparator.comparingInt(Map.Entry::getKey));
      return found.stream().map(Map.Entry::getValue).toList();
    }
  }
}

package io.sluice.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireNames;
import io.sluice.protocol.WireProtocol;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates malformed and wrong requests for every operation of a service from its
 * {@link ServiceDefinition}: each operation's request record gives a plausible request, whose every
 * member (and the members of its first nested record) is then removed or replaced by a value of the
 * wrong type, null, a huge or negative number, illegal characters; plus malformed bodies. Each
 * request goes out in every protocol the service speaks. The choices come from one seeded
 * {@link Random}, so a seed reproduces a run.
 */
final class RequestGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new CBORMapper();
  /** Replacement values tried on every member. */
  private static final List<Supplier<JsonNode>> VALUES = List.of(
      NODES::nullNode,
      () -> NODES.textNode(""),
      () -> NODES.textNode("abc"),
      () -> NODES.numberNode(12345),
      () -> NODES.numberNode(-1),
      () -> NODES.numberNode(Long.MIN_VALUE),
      () -> NODES.numberNode(new BigInteger("99999999999999999999999999")),
      () -> NODES.numberNode(new BigDecimal("1e400")),
      () -> NODES.numberNode(1.5),
      () -> NODES.booleanNode(true),
      NODES::arrayNode,
      NODES::objectNode,
      () -> NODES.arrayNode().add(NODES.nullNode()),
      () -> NODES.objectNode().set("k", NODES.nullNode()),
      () -> NODES.arrayNode().add("a").add(7),
      () -> NODES.objectNode().put("Key", "k").put("Value", "v"),
      () -> NODES.textNode("ctl\u0001\u0000\u001f\u007f"),
      () -> NODES.textNode("\ufffe\uffff"),
      () -> NODES.textNode("lone \ud800 surrogate \udc00"),
      () -> NODES.textNode("<a b=\"c\">&amp;]]></a>'"),
      () -> NODES.textNode("%zz%"),
      () -> NODES.textNode("x".repeat(70_000)),
      () -> NODES.textNode("arn:aws:sqs:us-east-1:000000000000:\u0001"),
      () -> NODES.textNode("http://127.0.0.1:1/000000000000/\u0000"),
      () -> deep(300));
  

  private final Random random;
  private final List<String> targets;

  RequestGenerator(long seed, List<String> targets) {
    this.random = new Random(seed);
    this.targets = targets;
  }

  /** Every generated request for {@code service}, operations in name order. */
  List<FuzzRequest> requests(ServiceDefinition service) {
    List<FuzzRequest> out = new ArrayList<>();
    service.operations().keySet().stream().sorted().forEach(action -> {
      OperationSpec op = service.operations().get(action);
      ObjectNode valid = validRecord(op.requestType(), 0);
      List<Variant> variants = new ArrayList<>();
      variants.add(new Variant("valid", valid));
      variants.add(new Variant("empty", NODES.objectNode()));
      ObjectNode unknown = valid.deepCopy();
      unknown.put("NoSuchMember", "x");
      variants.add(new Variant("unknown member", unknown));
      for (List<Object> path : paths(op.requestType(), valid)) {
        ObjectNode missing = valid.deepCopy();
        remove(missing, path);
        variants.add(new Variant("without " + path, missing));
        for (Supplier<JsonNode> each : VALUES) {
          JsonNode value = each.get();
          ObjectNode changed = valid.deepCopy();
          set(changed, path, value);
          variants.add(new Variant(path + " = " + abbreviate(value.toString()), changed));
        }
      }
      for (Variant v : variants) {
        for (WireProtocol p : service.protocols()) {
          if (p == WireProtocol.QUERY) {
            out.add(query(service, action, op.requestType(), v));
          } else if (encodable(p, v.tree)) {
            out.add(target(service, action, p, v.label, bytes(p, v.tree)));
          }
        }
      }
      malformedBodies(service, action, valid, out);
    });
    return out;
  }

  private record Variant(String label, ObjectNode tree) {}

  private void malformedBodies(ServiceDefinition service, String action, ObjectNode valid, List<FuzzRequest> out) {
    for (WireProtocol p : service.protocols()) {
      if (p == WireProtocol.QUERY) {
        String head = "Action=" + action + "&Version=" + service.apiVersion();
        out.add(form(action, "bad escape", head + "&%zz=1&a=%"));
        out.add(form(action, "invalid UTF-8", head + "&" + firstQueryName(service, action) + "=%C3%28%FF%FE%ED%A0%80"));
        out.add(form(action, "control characters", head + "&" + firstQueryName(service, action) + "=%01%00%1F%EF%BF%BE"));
        out.add(form(action, "odd indexes", head + "&Attribute.-1.Name=a&Attribute.99999999999999.Name=b"
            + "&Tag.0.Key=&Entries.member.1=x&Entries.member.1.Id=y&MessageAttribute.1.Value.DataType=String"));
        out.add(form(action, "long dotted name", head + "&" + "a.".repeat(2000) + "b=1"));
        out.add(new FuzzRequest(action + " form as text/plain", "POST", "/",
            Map.of("Content-Type", "text/plain"), (head + "&x=1").getBytes(StandardCharsets.UTF_8)));
        out.add(new FuzzRequest(action + " GET", "GET", "/?" + head + "&" + firstQueryName(service, action) + "=%01",
            Map.of(), null));
        continue;
      }
      byte[] body = bytes(p, valid);
      out.add(target(service, action, p, "empty body", new byte[0]));
      out.add(target(service, action, p, "truncated body", java.util.Arrays.copyOf(body, random.nextInt(body.length))));
      for (String whole : List.of("null", "[]", "[{}]", "5", "\"x\"", "true", "{} trailing", "{\"a\":", "\u0000")) {
        out.add(target(service, action, p, "body " + whole, whole.getBytes(StandardCharsets.UTF_8)));
      }
      ByteArrayOutputStream invalid = new ByteArrayOutputStream();
      invalid.writeBytes("{\"Name\":\"".getBytes(StandardCharsets.UTF_8));
      invalid.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
      invalid.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
      out.add(target(service, action, p, "invalid UTF-8", invalid.toByteArray()));
      out.add(target(service, action, p, "deep nesting", ("{\"A\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8)));
      out.add(new FuzzRequest(action + " wrong content-type", "POST", "/",
          Map.of("Content-Type", "application/xml", "X-Amz-Target", service.jsonTargetPrefix() + "." + action), body));
      out.add(new FuzzRequest(action + " no content-type", "POST", "/",
          Map.of("X-Amz-Target", service.jsonTargetPrefix() + "." + action), body));
    }
  }

  /** Requests not tied to one operation: the whole service. */
  List<FuzzRequest> serviceRequests(ServiceDefinition service, int maxRequestBytes) {
    List<FuzzRequest> out = new ArrayList<>();
    byte[] huge = new byte[maxRequestBytes + 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    for (WireProtocol p : service.protocols()) {
      if (p == WireProtocol.QUERY) {
        out.add(form("-", "huge body", "Action=ListQueues&Version=" + service.apiVersion() + "&x="
            + new String(huge, StandardCharsets.US_ASCII)));
        out.add(form("-", "unknown action", "Action=NoSuchAction%01&Version=" + service.apiVersion()));
      } else {
        String any = service.operations().keySet().stream().sorted().findFirst().orElseThrow();
        out.add(target(service, any, p, "huge body", huge));
        out.add(new FuzzRequest("unknown target", "POST", "/",
            Map.of("Content-Type", p.contentType(), "X-Amz-Target", service.jsonTargetPrefix() + " No Such.Op\tx"),
            "{}".getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static String firstQueryName(ServiceDefinition service, String action) {
    WireNames.Member[] members = WireNames.membersOf(service.operations().get(action).requestType());
    return members.length == 0 ? "X" : members[0].queryName();
  }

  private static FuzzRequest form(String action, String label, String form) {
    return new FuzzRequest(action + " " + label, "POST", "/",
        Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        form.getBytes(StandardCharsets.UTF_8));
  }

  private static FuzzRequest target(ServiceDefinition service, String action, WireProtocol p, String label,
                                    byte[] body) {
    return new FuzzRequest(action + " " + p + " " + label, "POST", "/",
        Map.of("Content-Type", p.contentType(), "X-Amz-Target", service.jsonTargetPrefix() + "." + action), body);
  }

  /**
   * Whether {@code tree} can be written in {@code p}: CBOR text must be valid Unicode, so a lone
   * surrogate has no CBOR form (the "invalid UTF-8" body covers broken text there).
   */
  private static boolean encodable(WireProtocol p, JsonNode tree) {
    if (p != WireProtocol.CBOR_1_1) {
      return true;
    }
    try {
      CBOR.writeValueAsBytes(tree);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static byte[] bytes(WireProtocol p, JsonNode tree) {
    try {
      return (p == WireProtocol.CBOR_1_1 ? CBOR : JSON).writeValueAsBytes(tree);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- plausible requests from the records -------------------------------------------------------

  private ObjectNode validRecord(Class<?> type, int depth) {
    ObjectNode out = NODES.objectNode();
    for (WireNames.Member m : WireNames.membersOf(type)) {
      JsonNode v = validValue(m.jsonName(), m.component().getGenericType(), depth);
      if (v != null) {
        out.set(m.jsonName(), v);
      }
    }
    return out;
  }

  private JsonNode validValue(String name, Type type, int depth) {
    if (depth > 3) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (Collection.class.isAssignableFrom(raw)) {
        JsonNode element = validValue(name, p.getActualTypeArguments()[0], depth + 1);
        return element == null ? NODES.arrayNode() : NODES.arrayNode().add(element);
      }
      if (Map.class.isAssignableFrom(raw)) {
        JsonNode value = validValue(name, p.getActualTypeArguments()[1], depth + 1);
        return value == null ? NODES.objectNode() : NODES.objectNode().set("Key1", value);
      }
      return null;
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord()) {
      return validRecord(c, depth + 1);
    }
    if (c == String.class) {
      return NODES.textNode(plausibleString(name));
    }
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return NODES.numberNode(0);
    }
    if (c == Boolean.class || c == boolean.class) {
      return NODES.booleanNode(false);
    }
    if (Number.class.isAssignableFrom(c) || c == double.class) {
      return NODES.numberNode(0);
    }
    if (c == Instant.class) {
      return NODES.numberNode(0);
    }
    if (c == byte[].class) {
      return NODES.textNode("AAEC");
    }
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return NODES.textNode(constants[random.nextInt(constants.length)].toString());
    }
    return NODES.textNode("x");
  }

  /** A target's URL or ARN where the member names one, else a short word. */
  private String plausibleString(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    List<String> fitting = targets.stream()
        .filter(t -> lower.contains("url") ? t.contains("://") : lower.contains("arn") && t.startsWith("arn:"))
        .toList();
    return fitting.isEmpty() ? "fuzz" : fitting.get(random.nextInt(fitting.size()));
  }

  // ---- member paths ---------------------------------------------------------------------------

  /** Paths of the members of {@code type}, and of the members of a nested record one level down. */
  private static List<List<Object>> paths(Class<?> type, ObjectNode valid) {
    List<List<Object>> out = new ArrayList<>();
    for (WireNames.Member m : WireNames.membersOf(type)) {
      out.add(List.of(m.jsonName()));
      Type t = m.component().getGenericType();
      JsonNode v = valid.get(m.jsonName());
      if (t instanceof Class<?> c && c.isRecord()) {
        for (WireNames.Member inner : WireNames.membersOf(c)) {
          out.add(List.of(m.jsonName(), inner.jsonName()));
        }
      } else if (t instanceof ParameterizedType p && v != null && v.size() > 0) {
        Type element = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
        Object key = v.isArray() ? (Object) 0 : v.fieldNames().next();
        out.add(List.of(m.jsonName(), key));
        if (element instanceof Class<?> c && c.isRecord()) {
          for (WireNames.Member inner : WireNames.membersOf(c)) {
            out.add(List.of(m.jsonName(), key, inner.jsonName()));
          }
        }
      }
    }
    return out;
  }

  private static void set(ObjectNode root, List<Object> path, JsonNode value) {
    JsonNode parent = parent(root, path);
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o && last instanceof String s) {
      o.set(s, value);
    } else if (parent instanceof ArrayNode a && last instanceof Integer i && i < a.size()) {
      a.set(i, value);
    }
  }

  private static void remove(ObjectNode root, List<Object> path) {
    JsonNode parent = parent(root, path);
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o && last instanceof String s) {
      o.remove(s);
    } else if (parent instanceof ArrayNode a && last instanceof Integer i && i < a.size()) {
      a.remove((int) i);
    }
  }

  private static JsonNode parent(ObjectNode root, List<Object> path) {
    JsonNode n = root;
    for (Object step : path.subList(0, path.size() - 1)) {
      n = step instanceof Integer i ? n.path(i) : n.path((String) step);
    }
    return n;
  }

  // ---- the query protocol ---------------------------------------------------------------------

  private FuzzRequest query(ServiceDefinition service, String action, Class<?> type, Variant v) {
    StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=").append(service.apiVersion());
    encodeRecord(form, "", v.tree, type, service.queryStyle());
    boolean get = random.nextInt(8) == 0 && form.length() < 4000;
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    return get ? new FuzzRequest(action + " QUERY GET " + v.label, "GET", "/?" + form, Map.of(), null)
        : new FuzzRequest(action + " QUERY " + v.label, "POST", "/",
            Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body);
  }

  private static void encodeRecord(StringBuilder form, String prefix, JsonNode node, Class<?> type, QueryStyle style) {
    node.fields().forEachRemaining(e -> {
      WireNames.Member member = null;
      if (type != null && type.isRecord()) {
        for (WireNames.Member m : WireNames.membersOf(type)) {
          if (m.jsonName().equals(e.getKey())) {
            member = m;
          }
        }
      }
      String name = prefix + (member != null ? member.queryName() : e.getKey());
      encode(form, name, e.getValue(), member != null ? member.component().getGenericType() : null, member, style);
    });
  }

  private static void encode(StringBuilder form, String name, JsonNode value, Type type, WireNames.Member member,
                             QueryStyle style) {
    Type element = type instanceof ParameterizedType p
        ? p.getActualTypeArguments()[p.getActualTypeArguments().length - 1] : null;
    boolean isMap = type instanceof ParameterizedType p && Map.class.isAssignableFrom((Class<?>) p.getRawType());
    if (value.isArray()) {
      String items = style.flattened() ? name + "." : name + ".member.";
      for (int i = 0; i < value.size(); i++) {
        encode(form, items + (i + 1), value.get(i), element, null, style);
      }
    } else if (value.isObject() && isMap) {
      String key = member != null && member.mapKeyName() != null ? member.mapKeyName() : style.mapKey();
      String val = member != null && member.mapValueName() != null ? member.mapValueName() : style.mapValue();
      String entries = style.flattened() ? name + "." : name + ".entry.";
      int[] i = {0};
      value.fields().forEachRemaining(e -> {
        i[0]++;
        form.append('&').append(escape(entries + i[0] + "." + key)).append('=').append(escape(e.getKey()));
        encode(form, entries + i[0] + "." + val, e.getValue(), element, null, style);
      });
    } else if (value.isObject()) {
      encodeRecord(form, name + ".", value, type instanceof Class<?> c ? c : null, style);
    } else if (value.isNull()) {
      form.append('&').append(escape(name));
    } else {
      form.append('&').append(escape(name)).append('=').append(escape(value.asText()));
    }
  }

  /** Percent-escapes every byte outside the unreserved set; unpaired surrogates become bytes of their own. */
  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        sb.append(c);
      } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1)))) {
        // A lone surrogate as its (invalid) three-byte form, as a careless client would send it.
        sb.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
      } else {
        int cp = s.codePointAt(i);
        if (Character.charCount(cp) == 2) {
          i++;
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          sb.append(String.format("%%%02X", b & 0xFF));
        }
      }
    }
    return sb.toString();
  }

  private static JsonNode deep(int depth) {
    JsonNode n = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      n = NODES.arrayNode().add(n);
    }
    return n;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
  }
}

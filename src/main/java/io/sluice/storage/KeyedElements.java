package io.sluice.storage;

import io.sluice.storage.RecordChange.ElementEdit;
import io.sluice.storage.RecordChange.Status;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text edit behind {@link ElementEdit}: finds the top-level member and its elements by scanning
 * the JSON text, and splices the new list in, so that everything else stays as it was. Written to
 * match {@code edit_element} in {@code lua/record.lua} step for step (which indexes from 1).
 */
final class KeyedElements {
  private KeyedElements() {}

  /** The status, and the edited document when applied (null: the attribute goes). */
  record Edited(Status status, String document) {}

  /** A member of the top-level object: its key and where its value starts and ends (exclusive). */
  private record Member(String key, int first, int after) {}

  static Edited edit(String stored, ElementEdit e) {
    int start = skip(stored, 0);
    String doc = start < stored.length() && stored.charAt(start) == '{' ? stored : "{}";
    List<Member> members = new ArrayList<>();
    int i = skip(doc, skip(doc, 0) + 1);
    while (i < doc.length() && doc.charAt(i) == '"') {
      int keyEnd = valueEnd(doc, i);
      String key = Json.decodeValue(doc.substring(i, keyEnd), String.class);
      int first = skip(doc, skip(doc, keyEnd) + 1);
      int after = valueEnd(doc, first);
      members.add(new Member(key, first, after));
      i = skip(doc, after);
      if (i < doc.length() && doc.charAt(i) == ',') {
        i = skip(doc, i + 1);
      }
    }
    int close = i;
    Member found = null;
    for (Member m : members) {
      if (m.key().equals(e.array())) {
        found = m;
      }
    }
    List<String> elements = found == null ? new ArrayList<>() : elements(doc, found.first(), found.after());
    int at = -1;
    for (int k = 0; k < elements.size(); k++) {
      if (e.key().equals(keyOf(elements.get(k), e.keyField()))) {
        at = k;
        break;
      }
    }
    if (e.element() != null) {
      if (at >= 0) {
        return new Edited(Status.ELEMENT_EXISTS, null);
      }
      if (e.maxElements() > 0 && elements.size() >= e.maxElements()) {
        return new Edited(Status.TOO_MANY_ELEMENTS, null);
      }
      elements.add(e.element());
    } else {
      if (at < 0) {
        return new Edited(Status.ELEMENT_MISSING, null);
      }
      elements.remove(at);
      if (elements.isEmpty() && e.dropWhenEmpty()) {
        return new Edited(Status.APPLIED, null);
      }
    }
    String list = "[" + String.join(",", elements) + "]";
    String edited;
    if (found != null) {
      edited = doc.substring(0, found.first()) + list + doc.substring(found.after());
    } else {
      edited = doc.substring(0, close) + (members.isEmpty() ? "" : ",") + Json.encode(e.array()) + ":" + list
          + doc.substring(close);
    }
    if (e.maxBytes() > 0 && edited.getBytes(StandardCharsets.UTF_8).length > e.maxBytes()) {
      return new Edited(Status.TOO_LARGE, null);
    }
    return new Edited(Status.APPLIED, edited);
  }

  /** The elements of the value in {@code [first, after)}: an array's values, or an object alone. */
  private static List<String> elements(String s, int first, int after) {
    List<String> out = new ArrayList<>();
    char c = s.charAt(first);
    if (c == '{') {
      out.add(s.substring(first, after));
      return out;
    }
    if (c != '[') {
      return out;
    }
    int i = skip(s, first + 1);
    while (s.charAt(i) != ']') {
      int end = valueEnd(s, i);
      out.add(s.substring(i, end));
      i = skip(s, end);
      if (s.charAt(i) == ',') {
        i = skip(s, i + 1);
      }
    }
    return out;
  }

  /** The element's string member {@code field}, or null (not an object, no such string member). */
  private static String keyOf(String element, String field) {
    try {
      return new JsonObject(element).getValue(field) instanceof String key ? key : null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** The index of the first character at or after {@code i} that is not JSON white space. */
  private static int skip(String s, int i) {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /** The index just after the JSON value that starts at {@code i}. */
  private static int valueEnd(String s, int i) {
    char c = s.charAt(i);
    if (c == '"') {
      int j = i + 1;
      while (true) {
        int q = indexOfAny(s, "\"\\", j);
        if (q < 0) {
          throw new IllegalStateException("unterminated JSON string");
        }
        if (s.charAt(q) == '"') {
          return q + 1;
        }
        j = q + 2;
      }
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int j = i;
      while (true) {
        int p = indexOfAny(s, "[]{}\"", j);
        if (p < 0) {
          throw new IllegalStateException("unterminated JSON value");
        }
        char ch = s.charAt(p);
        if (ch == '"') {
          j = valueEnd(s, p);
        } else {
          depth += ch == '{' || ch == '[' ? 1 : -1;
          j = p + 1;
          if (depth == 0) {
            return j;
          }
        }
      }
    }
    int end = indexOfAny(s, ",}] \t\r\n", i);
    return end < 0 ? s.length() : end;
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int k = from; k < s.length(); k++) {
      if (chars.indexOf(s.charAt(k)) >= 0) {
        return k;
      }
    }
    return -1;
  }
}

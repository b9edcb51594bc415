package io.sluice.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change of a stored record's attributes and tags (a queue, a topic, a subscription), expressed as
 * data so that every engine applies it the same way in one atomic step: the in-memory stores call
 * {@link #applyTo} under the record's lock, the Redis stores hand {@link #toJson} to a script in
 * which {@code lua/record.lua} applies the same rules. Nothing is read and written back across round
 * trips, so concurrent changes of different entries never conflict and the last change of one entry
 * wins. The caller validates the request against the record as it read it; the store enforces the
 * limits the change carries.
 *
 * <p>The parts apply in order: {@code attributes}, then {@code element} (an edit inside one
 * attribute's JSON document, or null), then {@code tags}. When a part is refused, nothing is stored
 * and the outcome's status says why.
 */
public record RecordChange(MapEdit attributes, ElementEdit element, MapEdit tags) {

  /** Whether a change was stored, or why not. */
  public enum Status {
    APPLIED,
    /** A map would hold more entries than its edit's limit. */
    TOO_MANY_ENTRIES,
    /** An element with the key to add is there already. */
    ELEMENT_EXISTS,
    /** No element with the key to remove (or no document to remove it from). */
    ELEMENT_MISSING,
    /** The document holds the most elements its edit allows already. */
    TOO_MANY_ELEMENTS,
    /** The edited document would be longer than its edit allows. */
    TOO_LARGE
  }

  /** What a store answers: the status, and the record as stored afterwards (unchanged unless applied). */
  public record Outcome<R>(Status status, R record) {
    public boolean applied() {
      return status == Status.APPLIED;
    }
  }

  public RecordChange {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(tags, "tags");
  }

  public static RecordChange ofAttributes(MapEdit attributes) {
    return new RecordChange(attributes, null, MapEdit.NONE);
  }

  public static RecordChange ofTags(MapEdit tags) {
    return new RecordChange(MapEdit.NONE, null, tags);
  }

  public static RecordChange ofElement(ElementEdit element) {
    return new RecordChange(MapEdit.NONE, Objects.requireNonNull(element, "element"), MapEdit.NONE);
  }

  /** Whether the change touches the attributes (stores stamp a modification time for such changes). */
  public boolean editsAttributes() {
    return !attributes.isEmpty() || element != null;
  }

  /**
   * Edits of a string map: the keys in {@code remove} go first, then {@code put} is set, then
   * {@code putIfAbsent} is set where the key is still absent (defaults a change implies). If the map
   * then holds more than {@code maxEntries} entries (0: no limit), the change is refused.
   */
  public record MapEdit(Map<String, String> put, Map<String, String> putIfAbsent, Set<String> remove,
                        int maxEntries) {
    public static final MapEdit NONE = new MapEdit(Map.of(), Map.of(), Set.of(), 0);

    public MapEdit {
      put = Map.copyOf(put);
      putIfAbsent = Map.copyOf(putIfAbsent);
      remove = Set.copyOf(remove);
    }

    public static MapEdit putting(Map<String, String> entries) {
      return new MapEdit(entries, Map.of(), Set.of(), 0);
    }

    public static MapEdit removing(Collection<String> keys) {
      Set<String> remove = new LinkedHashSet<>(keys);
      remove.remove(null);
      return new MapEdit(Map.of(), Map.of(), remove, 0);
    }

    /** This edit, refused when the map would end up with more than {@code max} entries. */
    public MapEdit limitedTo(int max) {
      return new MapEdit(put, putIfAbsent, remove, max);
    }

    public boolean isEmpty() {
      return put.isEmpty() && putIfAbsent.isEmpty() && remove.isEmpty();
    }

    /** Applies the edit to {@code map} in place; false if the map is then over the limit. */
    boolean applyTo(Map<String, String> map) {
      remove.forEach(map::remove);
      map.putAll(put);
      putIfAbsent.forEach(map::putIfAbsent);
      return maxEntries == 0 || map.size() <= maxEntries;
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("put", new JsonObject(new LinkedHashMap<>(put)))
          .put("putIfAbsent", new JsonObject(new LinkedHashMap<>(putIfAbsent)))
          .put("remove", new JsonArray(remove.stream().sorted().toList()))
          .put("max", maxEntries);
    }
  }

  /**
   * An edit of one element of the JSON document held in attribute {@code attribute}. The elements
   * are the values of the document's top-level member {@code array} (a single object counts as a
   * list of one); an element's key is its string member {@code keyField} (a policy's statements and
   * their {@code Sid}). With {@code element} (its JSON text) an element keyed {@code key} is added at
   * the end, refused as ELEMENT_EXISTS if one is there and as TOO_MANY_ELEMENTS if there are
   * {@code maxElements} already; without, the element keyed {@code key} is removed, refused as
   * ELEMENT_MISSING if there is none. An absent attribute starts as {@code template} (none: a removal
   * is ELEMENT_MISSING). When the last element goes and {@code dropWhenEmpty}, the attribute goes. A
   * document over {@code maxBytes} UTF-8 bytes is refused as TOO_LARGE (0: no limit, for both limits).
   *
   * <p>The rest of the document is kept byte for byte and the list is written compact, so that the
   * engines store the very same text.
   */
  public record ElementEdit(String attribute, String array, String keyField, String key, String element,
                            String template, int maxElements, int maxBytes, boolean dropWhenEmpty) {

    public ElementEdit {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(array, "array");
      Objects.requireNonNull(keyField, "keyField");
      Objects.requireNonNull(key, "key");
      if (element != null && template == null) {
        throw new IllegalArgumentException("an element is added to a document that may not exist: give a template");
      }
    }

    /** Adds {@code element} keyed {@code key}, to {@code template} if the attribute is absent. */
    public static ElementEdit adding(String attribute, String array, String keyField, String key, String element,
                                     String template) {
      return new ElementEdit(attribute, array, keyField, key, element, template, 0, 0, false);
    }

    /** Removes the element keyed {@code key}; an absent attribute starts as {@code template} (or null). */
    public static ElementEdit removing(String attribute, String array, String keyField, String key,
                                       String template) {
      return new ElementEdit(attribute, array, keyField, key, null, template, 0, 0, false);
    }

    /** This edit with limits: at most {@code elements} elements and {@code bytes} bytes (0: none). */
    public ElementEdit limitedTo(int elements, int bytes) {
      return new ElementEdit(attribute, array, keyField, key, element, template, elements, bytes, dropWhenEmpty);
    }

    /** This edit, removing the attribute when its last element goes. */
    public ElementEdit droppingWhenEmpty() {
      return new ElementEdit(attribute, array, keyField, key, element, template, maxElements, maxBytes, true);
    }

    /** Applies the edit to the attributes in place, unless refused. */
    Status applyTo(Map<String, String> attributes) {
      String document = attributes.getOrDefault(attribute, template);
      if (document == null) {
        return Status.ELEMENT_MISSING;
      }
      KeyedElements.Edited edited = KeyedElements.edit(document, this);
      if (edited.status() == Status.APPLIED) {
        if (edited.document() == null) {
          attributes.remove(attribute);
        } else {
          attributes.put(attribute, edited.document());
        }
      }
      return edited.status();
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject()
          .put("attribute", attribute)
          .put("array", array)
          .put("keyField", keyField)
          .put("key", key)
          .put("maxElements", maxElements)
          .put("maxBytes", maxBytes)
          .put("dropWhenEmpty", dropWhenEmpty);
      // Absent, not null: Lua reads a JSON null as a value.
      if (element != null) {
        json.put("element", element);
      }
      if (template != null) {
        json.put("template", template);
      }
      return json;
    }
  }

  /** The maps after the change, or the status that refused it. */
  public record Applied(Status status, Map<String, String> attributes, Map<String, String> tags) {}

  /**
   * Applies the change to copies of {@code attributes} and {@code tags}: the in-memory engines'
   * side of the rules {@code lua/record.lua} applies on Redis.
   */
  public Applied applyTo(Map<String, String> attributes, Map<String, String> tags) {
    Map<String, String> newAttributes = new LinkedHashMap<>(attributes);
    if (!this.attributes.applyTo(newAttributes)) {
      return new Applied(Status.TOO_MANY_ENTRIES, attributes, tags);
    }
    if (element != null) {
      Status status = element.applyTo(newAttributes);
      if (status != Status.APPLIED) {
        return new Applied(status, attributes, tags);
      }
    }
    Map<String, String> newTags = new LinkedHashMap<>(tags);
    if (!this.tags.applyTo(newTags)) {
      return new Applied(Status.TOO_MANY_ENTRIES, attributes, tags);
    }
    return new Applied(Status.APPLIED, newAttributes, newTags);
  }

  /** The change as the JSON argument that {@code lua/record.lua} reads. */
  public String toJson() {
    JsonObject json = new JsonObject().put("attributes", attributes.toJson()).put("tags", tags.toJson());
    if (element != null) {
      json.put("element", element.toJson());
    }
    return json.encode();
  }
}

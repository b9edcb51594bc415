package io.sluice.storage.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * A change of one document expressed as data, which the store applies in one atomic step (one
 * script on Redis, under the store's lock in memory): conditions on top-level fields, all tested
 * first, then changes of top-level fields or of entries of top-level object fields (maps, such as
 * attribute maps), applied in order. Two updates of different fields never undo each other,
 * however they interleave. Fields are named by their Java names (see {@link DocumentKind}); values
 * are mapped to JSON by the project's mapper.
 *
 * <p>Immutable: each method answers a new update. Start with {@link #of()}.
 */
public final class Update {
  private static final Update EMPTY = new Update(List.of());

  private final List<Step> steps;

  private Update(List<Step> steps) {
    this.steps = steps;
  }

  /** No conditions and no changes (applied, it changes nothing and answers the document). */
  public static Update of() {
    return EMPTY;
  }

  /** Sets a top-level field; a null value removes it (documents never store nulls). */
  public Update set(String field, Object value) {
    if (value == null) {
      return remove(field);
    }
    DocumentCodec.Value json = DocumentCodec.value(value);
    return with(new Step(json.object() ? Step.SET_OBJECT : Step.SET, field, "", json.text()));
  }

  /** Removes a top-level field (nothing happens if it is absent). */
  public Update remove(String field) {
    return with(new Step(Step.REMOVE, field, "", ""));
  }

  /**
   * Sets one entry of a top-level object field (e.g. one attribute of an attribute map), making the
   * field an empty object first if it is absent or not an object; a null value removes the entry.
   */
  public Update setEntry(String field, String key, Object value) {
    if (value == null) {
      return removeEntry(field, key);
    }
    return with(new Step(Step.SET_ENTRY, field, requireKey(key), DocumentCodec.json(value)));
  }

  /** Removes one entry of a top-level object field (nothing happens if it or the field is absent). */
  public Update removeEntry(String field, String key) {
    return with(new Step(Step.REMOVE_ENTRY, field, requireKey(key), ""));
  }

  /** Applies the changes only if {@code condition} holds too. */
  public Update when(Condition condition) {
    return with(condition.step());
  }

  /** Conditions first, then changes in the order they were added. */
  List<Step> steps() {
    List<Step> ordered = new ArrayList<>(steps.size());
    steps.stream().filter(Step::isCondition).forEach(ordered::add);
    steps.stream().filter(s -> !s.isCondition()).forEach(ordered::add);
    return ordered;
  }

  private Update with(Step step) {
    List<Step> more = new ArrayList<>(steps.size() + 1);
    more.addAll(steps);
    more.add(step);
    return new Update(List.copyOf(more));
  }

  private static String requireKey(String key) {
    if (key == null) {
      throw new IllegalArgumentException("a map entry needs a key");
    }
    return key;
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}

package io.sluice.storage.documents;

/**
 * A test of a top-level field of a stored document that an {@link Update} or a
 * {@link DocumentStore#deleteIf conditional delete} makes in the same atomic step as its change.
 * Fields are named by their Java names (see {@link DocumentKind}).
 */
public final class Condition {
  private final Step step;

  private Condition(Step step) {
    this.step = step;
  }

  /**
   * The field holds {@code value}: its JSON equals the value's JSON as the project's mapper writes
   * it (so {@code 5} and {@code 5L} are equal, {@code 5} and {@code "5"} are not). {@code value} must
   * not be null or map to a JSON object; a field that is absent or an object never equals.
   */
  public static Condition equalTo(String field, Object value) {
    String json = DocumentCodec.scalarJson(field, value);
    return new Condition(new Step(Step.EQUALS, field, "", json));
  }

  /** The field holds a number at most {@code bound}; an absent field or one holding no number fails. */
  public static Condition atMost(String field, long bound) {
    return new Condition(new Step(Step.AT_MOST, field, "", Long.toString(bound)));
  }

  Step step() {
    return step;
  }

  @Override
  public String toString() {
    return step.field() + " " + step.op() + " " + step.value();
  }
}

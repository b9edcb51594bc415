package io.sluice.swf.model;

/** Whether a type is a workflow type or an activity type; each kind has its own names and limit. */
public enum TypeKind {
  WORKFLOW("workflow"),
  ACTIVITY("activity");

  private final String label;

  TypeKind(String label) {
    this.label = label;
  }

  /** {@code workflow} or {@code activity}, as messages and store keys name the kind. */
  public String label() {
    return label;
  }
}

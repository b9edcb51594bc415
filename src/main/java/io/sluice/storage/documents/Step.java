package io.sluice.storage.documents;

/**
 * One condition or change as both engines apply it to a document's stored form (see
 * {@link DocumentCodec}): {@code op} is one of {@code eq}, {@code le} (conditions) or {@code set},
 * {@code seto}, {@code del}, {@code sete}, {@code dele} (changes); {@code value} is JSON text (for
 * {@code seto}, the stored form of an object; for {@code le}, a number). The Redis scripts take the
 * four parts of each step as arguments in this order.
 */
record Step(String op, String field, String key, String value) {
  static final String EQUALS = "eq";
  static final String AT_MOST = "le";
  static final String SET = "set";
  static final String SET_OBJECT = "seto";
  static final String REMOVE = "del";
  static final String SET_ENTRY = "sete";
  static final String REMOVE_ENTRY = "dele";

  Step {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("a document field needs a name");
    }
  }

  boolean isCondition() {
    return op.equals(EQUALS) || op.equals(AT_MOST);
  }
}

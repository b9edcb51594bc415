package io.sluice.sns.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * One way through a policy once its {@code $or} arrays are multiplied out: fields that must all match.
 * A policy matches when any of its branches does ("AND/OR logic").
 */
record Branch(List<FieldRule> fields) {
  static final Branch EMPTY = new Branch(List.of());

  boolean test(MessageFields message) {
    return fields.stream().allMatch(field -> field.test(message));
  }

  /** "AND/OR logic": a branch's combination is the product of its fields' combinations. */
  long combinations() {
    long product = 1;
    for (FieldRule field : fields) {
      product = saturatedProduct(product, field.combinations());
    }
    return product;
  }

  Branch and(Branch other) {
    List<FieldRule> joined = new ArrayList<>(fields);
    joined.addAll(other.fields);
    return new Branch(List.copyOf(joined));
  }

  /** Products past {@code long} are far over any limit: they stop at {@link Long#MAX_VALUE}. */
  private static long saturatedProduct(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}

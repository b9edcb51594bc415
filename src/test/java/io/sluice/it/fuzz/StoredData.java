package io.sluice.it.fuzz;

import io.sluice.testing.TestSluice;
import java.util.List;

/**
 * One service's data stored before the fuzzing, which must be intact afterwards, and the resources
 * the fuzzing may aim at (and damage) instead.
 */
interface StoredData {
  /** The service's name, as its {@code ServiceDefinition} spells it. */
  String service();

  /** Stores the data to be kept and the targets; remembers what the kept data looks like. */
  void store(TestSluice node);

  /** Identifiers of resources the fuzzing may name (URLs, ARNs), none of the kept data. */
  List<String> targets();

  /** Asserts the kept data reads back exactly as stored. */
  void assertIntact(TestSluice node);
}

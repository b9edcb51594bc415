package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.History;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One of SWF's decision types, as RespondDecisionTaskCompleted applies it: first every decision of the
 * request is {@linkplain #validate validated} (a malformed one refuses the whole request, nothing
 * recorded), then each {@linkplain #prepare prepares} what it reads outside the run (registered types),
 * then, in the run's history transaction, each is {@linkplain #apply applied} in order. A decision that
 * cannot be carried out is recorded as its {@code …Failed} event with AWS's cause, not refused.
 */
public interface DecisionHandler {

  /** AWS's {@code DecisionType}, e.g. {@code ScheduleActivityTask}. */
  String type();

  /** Whether the decision must carry its {@code <type>DecisionAttributes}. */
  default boolean needsAttributes() {
    return true;
  }

  /** Checks the attributes (null when absent and not needed); ValidationException if they are malformed. */
  default void validate(ObjectNode attributes) {}

  /** Reads, before the transaction, what {@link #apply} needs from outside the run, into {@code context}. */
  default CompletionStage<Void> prepare(DecisionContext context, ObjectNode attributes) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Applies the decision in the transaction {@code h}; false if it failed (its {@code …Failed} event
   * appended), which schedules a new decision task once all are applied.
   */
  boolean apply(DecisionContext context, History h, ObjectNode attributes);
}

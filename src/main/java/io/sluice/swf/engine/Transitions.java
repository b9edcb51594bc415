package io.sluice.swf.engine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An entity's transition table: the moves allowed between its states, all others refused. Every
 * change of an execution's, decision task's or activity task's state goes through {@link #move}, on
 * both engines, so a move the table lacks is a bug found at once, never a silently corrupted history.
 *
 * @param <S> the entity's states
 */
public final class Transitions<S extends Enum<S>> {
  private final String entity;
  private final Map<S, Set<S>> allowed;

  private Transitions(String entity, Class<S> states) {
    this.entity = entity;
    this.allowed = new EnumMap<>(states);
    for (S s : states.getEnumConstants()) {
      allowed.put(s, EnumSet.noneOf(states));
    }
  }

  /** A table of {@code entity} with no moves yet. */
  public static <S extends Enum<S>> Transitions<S> of(String entity, Class<S> states) {
    return new Transitions<>(entity, states);
  }

  /** Allows moving from {@code from} to each of {@code to}. */
  @SafeVarargs
  public final Transitions<S> allow(S from, S... to) {
    for (S t : to) {
      allowed.get(from).add(t);
    }
    return this;
  }

  /** True if the table allows moving from {@code from} to {@code to}. */
  public boolean allows(S from, S to) {
    return allowed.get(from).contains(to);
  }

  /** {@code to}, if the table allows the move; else IllegalStateException. */
  public S move(S from, S to) {
    if (!allows(from, to)) {
      throw new IllegalStateException(entity + " cannot move from " + from + " to " + to);
    }
    return to;
  }
}

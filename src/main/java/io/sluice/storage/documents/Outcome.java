package io.sluice.storage.documents;

import java.util.Optional;

/**
 * What a conditional step ({@link DocumentStore#update}, {@link DocumentStore#upsert},
 * {@link DocumentStore#deleteIf}) found and did, decided in the same atomic step:
 * <ul>
 *   <li>{@link Status#APPLIED}: the conditions held and the change was made; {@code document} is the
 *       document as it now is (for a delete: as it was);</li>
 *   <li>{@link Status#REFUSED}: a condition did not hold and nothing changed (an upsert still created
 *       the document); {@code document} is the document as stored, so the caller can tell why
 *       without another read;</li>
 *   <li>{@link Status#MISSING}: there is no such document; {@code document} is null;</li>
 *   <li>{@link Status#FULL}: an upsert found no document, and the scope already holds as many of
 *       its kind as it allows; nothing was stored, {@code document} is null.</li>
 * </ul>
 */
public record Outcome<T>(Status status, T document) {

  public enum Status { APPLIED, REFUSED, MISSING, FULL }

  public static <T> Outcome<T> absent() {
    return new Outcome<>(Status.MISSING, null);
  }

  public boolean applied() {
    return status == Status.APPLIED;
  }

  public boolean refused() {
    return status == Status.REFUSED;
  }

  public boolean missing() {
    return status == Status.MISSING;
  }

  public boolean full() {
    return status == Status.FULL;
  }

  /** The document, unless it is missing (or was not created). */
  public Optional<T> found() {
    return Optional.ofNullable(document);
  }
}

package io.sluice.swf.decision;

import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.TaskToken;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the decisions of one RespondDecisionTaskCompleted share: the services, the decision task's
 * run, what {@link DecisionHandler#prepare} read before the transaction (registered types, by kind and
 * name/version), and, while they are applied, the DecisionTaskCompleted eventId and whether events
 * arrived while the task was started (a close decision is then {@code UNHANDLED_DECISION}).
 */
public final class DecisionContext {
  private record TypeKey(TypeKind kind, TypeRef type) {}

  private final SwfServices swf;
  private final TaskToken token;
  private final Map<TypeKey, Optional<TypeRecord>> types = new HashMap<>();
  private long completedEventId;
  private boolean unhandled;

  public DecisionContext(SwfServices swf, TaskToken token) {
    this.swf = swf;
    this.token = token;
  }

  public SwfServices swf() {
    return swf;
  }

  /** The run the decision task belongs to. */
  public ExecutionKey execution() {
    return token.execution();
  }

  public DomainId domain() {
    return token.execution().domain();
  }

  /** Reads the registered type {@code ref} of {@code kind} for {@link #type}, unless read already. */
  public CompletionStage<Void> readType(TypeKind kind, TypeRef ref) {
    TypeKey key = new TypeKey(kind, ref);
    synchronized (types) {
      if (types.containsKey(key)) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return swf.domains().type(domain(), kind, ref).thenAccept(found -> {
      synchronized (types) {
        types.put(key, found);
      }
    });
  }

  /** The type {@link #readType} read; empty if it is not registered (or was not read). */
  public Optional<TypeRecord> type(TypeKind kind, TypeRef ref) {
    synchronized (types) {
      return types.getOrDefault(new TypeKey(kind, ref), Optional.empty());
    }
  }

  void applying(long completedEventId, boolean unhandled) {
    this.completedEventId = completedEventId;
    this.unhandled = unhandled;
  }

  /** The eventId of the DecisionTaskCompleted the decisions are recorded after. */
  public long completedEventId() {
    return completedEventId;
  }

  /** Events arrived while the decision task was started, so a close decision must fail. */
  public boolean unhandled() {
    return unhandled;
  }
}

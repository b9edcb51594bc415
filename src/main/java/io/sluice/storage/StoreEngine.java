package io.sluice.storage;

import java.util.concurrent.CompletionStage;

/**
 * The handle of one storage engine, in memory or on Redis, shared by every service of a node. It
 * knows no service: each service opens its own store on it through a {@link StoreFactory}. The
 * engine answers for what all stores share: whether it is reachable, wiping everything (the admin
 * reset) and closing.
 */
public interface StoreEngine {

  /** Opens a service's store on this engine (the factory's method for this engine's kind). */
  <S> S open(StoreFactory<S> factory);

  /** {@code memory} or {@code redis}. */
  String name();

  /** True when the engine can serve requests (readiness). */
  CompletionStage<Boolean> ping();

  /** Deletes all state of every service (the admin reset endpoint). */
  CompletionStage<Void> wipe();

  CompletionStage<Void> close();
}

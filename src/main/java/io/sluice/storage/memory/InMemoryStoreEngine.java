package io.sluice.storage.memory;

import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** The embedded engine: every service's state in this JVM's memory, lost when it ends. The default. */
public final class InMemoryStoreEngine implements StoreEngine {
  /** State held in memory that {@link #wipe} clears. */
  public interface Wipeable {
    void wipe();
  }

  private final List<Wipeable> kept = new CopyOnWriteArrayList<>();

  @Override
  public <S> S open(StoreFactory<S> factory) {
    return factory.inMemory(this);
  }

  /** Registers state for {@link #wipe}; returns it. */
  public <T extends Wipeable> T keep(T state) {
    kept.add(state);
    return state;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public CompletionStage<Boolean> ping() {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletionStage<Void> wipe() {
    kept.forEach(Wipeable::wipe);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> close() {
    return CompletableFuture.completedFuture(null);
  }
}

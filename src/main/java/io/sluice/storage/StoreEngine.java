package io.sluice.storage;

import java.util.concurrent.CompletionStage;

/** One storage engine (in-memory or Redis) providing every service's store. */
public interface StoreEngine {

  QueueStore queues();

  TopicStore topics();

  /** True when the engine can serve requests (readiness). */
  CompletionStage<Boolean> ping();

  /** Deletes all state of every service (the admin reset endpoint). */
  CompletionStage<Void> wipe();

  CompletionStage<Void> close();
}

package io.sluice.storage.memory;

import io.sluice.storage.QueueStore;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.TopicStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded engine: every service's state in this JVM's memory. The default. */
public final class InMemoryStoreEngine implements StoreEngine {
  private final InMemoryQueueStore queues = new InMemoryQueueStore();
  private final InMemoryTopicStore topics = new InMemoryTopicStore();

  @Override
  public QueueStore queues() {
    return queues;
  }

  @Override
  public TopicStore topics() {
    return topics;
  }

  @Override
  public CompletionStage<Boolean> ping() {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletionStage<Void> wipe() {
    queues.wipe();
    topics.wipe();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> close() {
    return CompletableFuture.completedFuture(null);
  }
}

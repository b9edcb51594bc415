package io.sluice.sqs;

import io.sluice.protocol.AwsException;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds queues for operations, with a short per-node cache of their attributes (AWS documents that
 * attribute changes take up to 60 s to propagate; Sluice drops cached entries on every node as soon
 * as a change is announced, so the cache only saves store round trips).
 */
public final class QueueDirectory {
  private record Cached(QueueRecord record, long expiresAt) {}

  private final QueueStore store;
  private final InstantSource clock;
  private final long ttlMillis;
  private final ConcurrentHashMap<QueueId, Cached> cache = new ConcurrentHashMap<>();
  private volatile Consumer<QueueId> changeListener = id -> {};

  public QueueDirectory(QueueStore store, InstantSource clock, long ttlMillis) {
    this.store = store;
    this.clock = clock;
    this.ttlMillis = ttlMillis;
  }

  /** Called after this node changes or deletes a queue (the verticle tells the other nodes). */
  public void onChange(Consumer<QueueId> listener) {
    this.changeListener = listener;
  }

  /** The queue's record; fails with QueueDoesNotExist. */
  public CompletionStage<QueueRecord> require(QueueId id) {
    return find(id).thenApply(found -> found.orElseThrow(QueueDirectory::doesNotExist));
  }

  public CompletionStage<Optional<QueueRecord>> find(QueueId id) {
    if (ttlMillis > 0) {
      Cached c = cache.get(id);
      if (c != null && c.expiresAt() > clock.millis()) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.of(c.record()));
      }
    }
    return store.findQueue(id).thenApply(found -> {
      if (ttlMillis > 0) {
        found.ifPresentOrElse(r -> cache.put(id, new Cached(r, clock.millis() + ttlMillis)), () -> cache.remove(id));
      }
      return found;
    });
  }

  /**
   * Applies {@code change} to the stored record in one store step and announces it; the outcome says
   * whether a limit of the change refused it. QueueDoesNotExist if the queue is gone.
   */
  public CompletionStage<Outcome<QueueRecord>> update(QueueId id, RecordChange change, long now) {
    return store.updateQueue(id, change, now).thenApply(updated -> {
      changed(id);
      return updated.orElseThrow(QueueDirectory::doesNotExist);
    });
  }

  /** Drops the cached entry here and announces the change. */
  public void changed(QueueId id) {
    cache.remove(id);
    changeListener.accept(id);
  }

  /** Drops the cached entry (a change announced by another node). */
  public void invalidate(QueueId id) {
    cache.remove(id);
  }

  public void invalidateAll() {
    cache.clear();
  }

  public static AwsException doesNotExist() {
    return AwsException.of(SqsError.QueueDoesNotExist, "The specified queue does not exist.");
  }
}

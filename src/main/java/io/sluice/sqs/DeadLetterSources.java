package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds the queues whose RedrivePolicy names a given dead-letter queue. AWS keeps a dead-letter
 * queue in the account and region of its sources, so only those are searched.
 */
public final class DeadLetterSources {
  private DeadLetterSources() {}

  /** The source queues of {@code deadLetterQueue}, sorted by name; empty if it is nobody's. */
  public static CompletionStage<List<QueueId>> of(QueueStore store, QueueDirectory directory, QueueId deadLetterQueue) {
    return store.listQueues(deadLetterQueue.region(), deadLetterQueue.account(), "").thenCompose(ids -> {
      List<CompletableFuture<Optional<QueueRecord>>> lookups = new ArrayList<>(ids.size());
      for (QueueId id : ids) {
        lookups.add(directory.find(id).toCompletableFuture());
      }
      return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<QueueId> sources = new ArrayList<>();
        for (CompletableFuture<Optional<QueueRecord>> lookup : lookups) {
          lookup.join().filter(q -> targets(q, deadLetterQueue)).ifPresent(q -> sources.add(q.id()));
        }
        return sources;
      });
    });
  }

  private static boolean targets(QueueRecord q, QueueId deadLetterQueue) {
    String policy = q.attribute(QueueAttributes.REDRIVE_POLICY);
    if (policy == null) {
      return false;
    }
    try {
      return deadLetterQueue.equals(RedrivePolicy.parse(policy).target());
    } catch (RuntimeException e) {
      return false;
    }
  }
}

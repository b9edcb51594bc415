package io.sluice.swf;

import io.sluice.storage.waiters.Signals;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.TaskListStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task poll held without a thread: takes a task from the list and starts it; while there is none,
 * waits on the list's signal (announced on every node when a task is queued) until the poll's 60
 * seconds are up (API reference, PollForDecisionTask: "If no decision task is available in the
 * specified task list before the timeout of 60 seconds expires, an empty result is returned").
 * A task that is stale when taken (its run closed, or it was handed out already) is dropped; one
 * whose start failed (the store unavailable) is released for the next poll, and the poll fails.
 */
public final class TaskPolls {
  private static final Logger LOG = Logger.getLogger(TaskPolls.class.getName());
  /** How long a poll is held. */
  public static final long POLL_MILLIS = 60_000;

  private TaskPolls() {}

  /**
   * The started task, or empty when the poll's time is up (or the node is shutting down). A task
   * taken is acknowledged once {@code start} answered (started, or found stale), and released when
   * {@code start} failed; a node that dies in between leaves it to come back to the list.
   */
  public static <T> CompletionStage<Optional<T>> poll(SwfServices swf, TaskListId list,
                                               Function<TaskRef, CompletionStage<Optional<T>>> start) {
    return poll(swf, list, start, swf.tasks().monotonicMillis() + POLL_MILLIS);
  }

  private static <T> CompletionStage<Optional<T>> poll(SwfServices swf, TaskListId list,
                                                       Function<TaskRef, CompletionStage<Optional<T>>> start,
                                                       long deadline) {
    TaskListStore store = swf.taskLists();
    Signals<String> signals = swf.tasks();
    long epoch = signals.epoch(list.key());
    return store.take(list, swf.clock().millis()).thenCompose(taken -> {
      if (taken.isPresent()) {
        String receipt = taken.get().receipt();
        return start.apply(taken.get().task())
            .exceptionallyCompose(failure -> store.release(list, receipt)
                .thenCompose(back -> CompletableFuture.<Optional<T>>failedFuture(failure)))
            .thenCompose(started -> {
              store.ack(list, receipt).exceptionally(failure -> {
                LOG.log(Level.WARNING, "a started SWF task could not be acknowledged; it comes back as stale", failure);
                return null;
              });
              return started.isPresent()
                  ? CompletableFuture.completedFuture(started)
                  : poll(swf, list, start, deadline);
            });
      }
      long remaining = deadline - signals.monotonicMillis();
      if (remaining <= 0) {
        return CompletableFuture.completedFuture(Optional.<T>empty());
      }
      return signals.await(list.key(), epoch, remaining).thenCompose(keepWaiting -> keepWaiting
          ? poll(swf, list, start, deadline)
          : CompletableFuture.completedFuture(Optional.<T>empty()));
    });
  }
}

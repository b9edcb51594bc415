package io.sluice.swf.store;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.ExecutionKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * SWF's workflow executions. An execution is its state (JSON, with a version) and its history (event
 * JSON, eventIds from 1), all under its workflowId's hash tag; every change is one history transaction:
 * {@link #start}, {@link #commit} or {@link #continueAsNew} appends the events, stores the state and
 * changes the run's {@linkplain #deadlines deadlines} in one atomic step (on Redis one script), or does
 * nothing. The deadlines of a workflowId's runs are items of one partition
 * ({@link #deadlinePartition}) of this store's scheduler, so a committed transaction never loses a timer,
 * a timeout, or the work it leaves to do after the commit. Listings of runs are answered by the
 * {@link VisibilityStore}, not here.
 */
public interface ExecutionStore {

  /** An execution's stored state and its version (the number of transactions committed on it). */
  record Versioned(String state, long version) {}

  /**
   * What a transaction changes in its workflowId's {@linkplain #deadlinePartition partition} of
   * {@link #deadlines}: items to add (or replace) and the ids of items to remove.
   */
  record DeadlineChanges(List<Scheduler.Item> add, List<String> remove) {
    public static final DeadlineChanges NONE = new DeadlineChanges(List.of(), List.of());
  }

  /** The scheduler whose items this store changes with its steps; its partitions are workflowIds. */
  Scheduler deadlines();

  /** The partition of {@link #deadlines} that holds the deadlines of {@code key}'s workflowId. */
  static String deadlinePartition(ExecutionKey key) {
    return key.tag();
  }

  /**
   * Creates run {@code key} with {@code state} (version 1) and its first {@code events}, and changes
   * {@code deadlines}, unless the workflowId has an open run in the domain: then false and nothing done.
   */
  CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events, DeadlineChanges deadlines, long now);

  /** The runId of the workflowId's open run in {@code key}'s domain ({@code key}'s runId is ignored), if any. */
  CompletionStage<Optional<String>> openRun(ExecutionKey key);

  /** The run's state, if it exists. */
  CompletionStage<Optional<Versioned>> read(ExecutionKey key);

  /**
   * If the run is still at {@code version}: stores {@code state} (version + 1), appends {@code events}
   * to its history, closes the workflowId's open run if {@code closed}, and changes {@code deadlines};
   * else false and nothing done (another transaction came first: read again).
   */
  CompletionStage<Boolean> commit(ExecutionKey key, long version, String state, List<String> events, boolean closed,
                                  DeadlineChanges deadlines, long now);

  /**
   * Continue-as-new: if the run is still at {@code version}, closes it with {@code state} and
   * {@code events} and starts run {@code next} of the same workflowId (its open run from now on) with
   * {@code nextState} (version 1) and {@code nextEvents}, and changes {@code deadlines}, in one step;
   * else false and nothing done.
   */
  CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state, List<String> events,
                                         ExecutionKey next, String nextState, List<String> nextEvents,
                                         DeadlineChanges deadlines, long now);

  /**
   * Removes a closed run's state and history (its domain's retention period is over) and its deadline
   * {@code retentionItem} (the item id in the workflowId's partition); false, nothing done, if there
   * is no such run or it is the workflowId's open run. A workflowId left without runs' deadlines and
   * without an open run leaves nothing behind in the scheduler either.
   */
  CompletionStage<Boolean> delete(ExecutionKey key, String retentionItem);

  /** The run's history from eventId {@code from} (1 for all) to the last, in order; empty without the run. */
  CompletionStage<List<String>> events(ExecutionKey key, long from);
}

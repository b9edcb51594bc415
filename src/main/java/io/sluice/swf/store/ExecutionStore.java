package io.sluice.swf.store;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * SWF's workflow executions and task lists. An execution is its state (JSON, with a version) and its
 * history (event JSON, eventIds from 1), all under its workflowId's hash tag; every change is one
 * history transaction: {@link #start} or {@link #commit} appends the events and stores the state in
 * one atomic step (on Redis one script), or does nothing. Task lists are per domain and name queues
 * of {@link TaskRef}s from which {@link #take} hands each task to exactly one caller on any node.
 * Each domain has a visibility index of its runs ({@link #indexed}), to which {@link #start} and
 * {@link #continueAsNew} add the run they start; on Redis after their step (a node that dies between
 * the two leaves that run out of the listings), so a reader re-reads each run it lists.
 */
public interface ExecutionStore {

  /** A task a transaction puts in a task list. */
  record QueuedTask(TaskListId list, TaskRef task) {}

  /** An execution's stored state and its version (the number of transactions committed on it). */
  record Versioned(String state, long version) {}

  /**
   * Creates run {@code key} with {@code state} (version 1) and its first {@code events}, and queues
   * {@code tasks}, unless the workflowId has an open run in the domain: then false and nothing done.
   */
  CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events, List<QueuedTask> tasks);

  /** The runId of the workflowId's open run in {@code key}'s domain ({@code key}'s runId is ignored), if any. */
  CompletionStage<Optional<String>> openRun(ExecutionKey key);

  /** The run's state, if it exists. */
  CompletionStage<Optional<Versioned>> read(ExecutionKey key);

  /**
   * If the run is still at {@code version}: stores {@code state} (version + 1), appends {@code events}
   * to its history, closes the workflowId's open run if {@code closed}, and queues {@code tasks}; else
   * false and nothing done (another transaction came first: read again).
   */
  CompletionStage<Boolean> commit(ExecutionKey key, long version, String state, List<String> events, boolean closed,
                                  List<QueuedTask> tasks);

  /**
   * Continue-as-new: if the run is still at {@code version}, closes it with {@code state} and
   * {@code events} and starts run {@code next} of the same workflowId (its open run from now on) with
   * {@code nextState} (version 1) and {@code nextEvents}, and queues {@code tasks}, in one step; else
   * false and nothing done.
   */
  CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state, List<String> events,
                                         ExecutionKey next, String nextState, List<String> nextEvents,
                                         List<QueuedTask> tasks);

  /** The run's history from eventId {@code from} (1 for all) to the last, in order; empty without the run. */
  CompletionStage<List<String>> events(ExecutionKey key, long from);

  /** Takes the first task of {@code list}, if any: no other caller gets it. */
  CompletionStage<Optional<TaskRef>> take(TaskListId list);

  /**
   * Puts a task taken from {@code list} back at its head (its start failed). Harmless if it was
   * started after all: a task is started only while its run says it is scheduled.
   */
  CompletionStage<Void> putBack(TaskListId list, TaskRef task);

  /** The runs of {@code domain}'s visibility index, in no order (a run may be gone: re-read it). */
  CompletionStage<List<ExecutionKey>> indexed(DomainId domain);

  /** Removes {@code key} from its domain's visibility index (its closed run is past retention). */
  CompletionStage<Void> unindex(ExecutionKey key);

  /** How many tasks {@code list} holds (a stale one, dropped when polled, counts too). */
  CompletionStage<Long> pending(TaskListId list);
}

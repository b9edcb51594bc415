package io.sluice.swf.store;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import io.sluice.swf.model.ExecutionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ExecutionStore} of the memory engine: each step under the store's lock, its deadlines
 * changed in its own {@link InMemoryScheduler} under that lock too.
 */
public final class InMemoryExecutionStore implements ExecutionStore, InMemoryStoreEngine.Wipeable {
  private static final class Run {
    String state;
    long version = 1;
    final List<String> events = new ArrayList<>();
  }

  private final Map<ExecutionKey, Run> runs = new HashMap<>();
  /** The open run of each workflowId, by {@link ExecutionKey#tag}. */
  private final Map<String, String> open = new HashMap<>();
  private final InMemoryScheduler deadlines = new InMemoryScheduler();

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public synchronized void wipe() {
    runs.clear();
    open.clear();
    deadlines.wipe();
  }

  @Override
  public Scheduler deadlines() {
    return deadlines;
  }

  @Override
  public synchronized CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events,
                                                     DeadlineChanges changes, long now) {
    if (open.containsKey(key.tag())) {
      return done(false);
    }
    Run run = new Run();
    run.state = state;
    run.events.addAll(events);
    runs.put(key, run);
    open.put(key.tag(), key.runId());
    change(key, changes, now);
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Optional<String>> openRun(ExecutionKey key) {
    return done(Optional.ofNullable(open.get(key.tag())));
  }

  @Override
  public synchronized CompletionStage<Optional<Versioned>> read(ExecutionKey key) {
    Run run = runs.get(key);
    return done(run == null ? Optional.empty() : Optional.of(new Versioned(run.state, run.version)));
  }

  @Override
  public synchronized CompletionStage<Boolean> commit(ExecutionKey key, long version, String state,
                                                      List<String> events, boolean closed, DeadlineChanges changes,
                                                      long now) {
    if (!advance(key, version, state, events)) {
      return done(false);
    }
    if (closed) {
      open.remove(key.tag(), key.runId());
    }
    change(key, changes, now);
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state,
                                                             List<String> events, ExecutionKey next, String nextState,
                                                             List<String> nextEvents, DeadlineChanges changes,
                                                             long now) {
    if (!advance(key, version, state, events)) {
      return done(false);
    }
    Run started = new Run();
    started.state = nextState;
    started.events.addAll(nextEvents);
    runs.put(next, started);
    open.put(next.tag(), next.runId());
    change(key, changes, now);
    return done(true);
  }

  /** Stores the run's new state and appends its events if it is at {@code version}; false if not. */
  private boolean advance(ExecutionKey key, long version, String state, List<String> events) {
    Run run = runs.get(key);
    if (run == null || run.version != version) {
      return false;
    }
    run.state = state;
    run.version++;
    run.events.addAll(events);
    return true;
  }

  private void change(ExecutionKey key, DeadlineChanges changes, long now) {
    String partition = ExecutionStore.deadlinePartition(key);
    if (!changes.remove().isEmpty()) {
      deadlines.complete(changes.remove().stream().map(id -> new ItemRef(partition, id)).toList());
    }
    if (!changes.add().isEmpty()) {
      deadlines.add(changes.add(), now);
    }
  }

  @Override
  public synchronized CompletionStage<Boolean> delete(ExecutionKey key, String retentionItem) {
    if (!runs.containsKey(key) || key.runId().equals(open.get(key.tag()))) {
      return done(false);
    }
    runs.remove(key);
    // the scheduler forgets a partition once its last item is gone
    deadlines.complete(List.of(new ItemRef(ExecutionStore.deadlinePartition(key), retentionItem)));
    return done(true);
  }

  @Override
  public synchronized CompletionStage<List<String>> events(ExecutionKey key, long from) {
    Run run = runs.get(key);
    if (run == null || from > run.events.size()) {
      return done(List.of());
    }
    return done(List.copyOf(run.events.subList((int) Math.max(0, from - 1), run.events.size())));
  }
}

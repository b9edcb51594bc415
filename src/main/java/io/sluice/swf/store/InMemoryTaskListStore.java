package io.sluice.swf.store;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The {@link TaskListStore} of the memory engine: each list ordered by priority, then by a sequence. */
public final class InMemoryTaskListStore implements TaskListStore, InMemoryStoreEngine.Wipeable {
  /** A place in a list: higher priority first, then lower sequence (a task put back gets one below all). */
  private record Place(int priority, long sequence) {}

  private static final Comparator<Place> ORDER = Comparator.comparing(Place::priority, Comparator.reverseOrder())
      .thenComparingLong(Place::sequence);

  private final Map<String, TreeMap<Place, TaskRef>> lists = new HashMap<>();
  private long sequence;
  private long backSequence;

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private TreeMap<Place, TaskRef> list(TaskListId id) {
    return lists.computeIfAbsent(id.key(), k -> new TreeMap<>(ORDER));
  }

  @Override
  public synchronized void wipe() {
    lists.clear();
  }

  @Override
  public synchronized CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks) {
    for (TaskRef t : tasks) {
      list(list).put(new Place(t.priority(), ++sequence), t);
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Optional<TaskRef>> take(TaskListId list) {
    TreeMap<Place, TaskRef> queue = lists.get(list.key());
    Map.Entry<Place, TaskRef> first = queue == null ? null : queue.pollFirstEntry();
    return done(Optional.ofNullable(first == null ? null : first.getValue()));
  }

  @Override
  public synchronized CompletionStage<Void> putBack(TaskListId list, TaskRef task) {
    list(list).put(new Place(task.priority(), --backSequence), task);
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Long> pending(TaskListId list) {
    TreeMap<Place, TaskRef> queue = lists.get(list.key());
    return done(queue == null ? 0L : (long) queue.size());
  }
}

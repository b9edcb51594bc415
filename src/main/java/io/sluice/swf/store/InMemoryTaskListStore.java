package io.sluice.swf.store;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link TaskListStore} of the memory engine: each list ordered by priority, then by a sequence;
 * taken tasks kept aside by receipt (the sequence) with the time they were taken.
 */
public final class InMemoryTaskListStore implements TaskListStore, InMemoryStoreEngine.Wipeable {
  /** A place in a list: higher priority first, then lower sequence. */
  private record Place(int priority, long sequence) {}

  private record Aside(Place place, TaskRef task, long takenAt) {}

  private static final Comparator<Place> ORDER = Comparator.comparing(Place::priority, Comparator.reverseOrder())
      .thenComparingLong(Place::sequence);

  private final Map<String, TreeMap<Place, TaskRef>> lists = new HashMap<>();
  /** Per list, the taken tasks by receipt, in the order taken. */
  private final Map<String, LinkedHashMap<String, Aside>> taken = new HashMap<>();
  private long sequence;

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private TreeMap<Place, TaskRef> list(TaskListId id) {
    return lists.computeIfAbsent(id.key(), k -> new TreeMap<>(ORDER));
  }

  private LinkedHashMap<String, Aside> aside(TaskListId id) {
    return taken.computeIfAbsent(id.key(), k -> new LinkedHashMap<>());
  }

  @Override
  public synchronized void wipe() {
    lists.clear();
    taken.clear();
  }

  @Override
  public synchronized CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks) {
    for (TaskRef t : tasks) {
      list(list).put(new Place(t.priority(), ++sequence), t);
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Optional<Taken>> take(TaskListId list, long now) {
    for (Iterator<Aside> it = aside(list).values().iterator(); it.hasNext(); ) {
      Aside a = it.next();
      if (a.takenAt() > now - TAKEN_MILLIS) {
        break;
      }
      it.remove();
      list(list).put(a.place(), a.task());
    }
    Map.Entry<Place, TaskRef> first = list(list).pollFirstEntry();
    if (first == null) {
      return done(Optional.empty());
    }
    String receipt = Long.toString(first.getKey().sequence());
    aside(list).put(receipt, new Aside(first.getKey(), first.getValue(), now));
    return done(Optional.of(new Taken(first.getValue(), receipt)));
  }

  @Override
  public synchronized CompletionStage<Void> ack(TaskListId list, String receipt) {
    aside(list).remove(receipt);
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> release(TaskListId list, String receipt) {
    Aside a = aside(list).remove(receipt);
    if (a != null) {
      list(list).put(a.place(), a.task());
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Long> pending(TaskListId list) {
    TreeMap<Place, TaskRef> queue = lists.get(list.key());
    return done(queue == null ? 0L : (long) queue.size());
  }
}

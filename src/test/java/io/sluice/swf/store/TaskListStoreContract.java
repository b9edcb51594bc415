package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link TaskListStore}: every engine extends this class and must pass every
 * test. Subclasses give a store without tasks before each test.
 */
public abstract class TaskListStoreContract {
  private static final DomainId DOMAIN = new DomainId("us-east-1", "000000000000", "orders");
  private static final TaskListId DECISIONS = new TaskListId(DOMAIN, TaskListId.Kind.DECISION, "decide");
  private static final TaskListId ACTIVITIES = new TaskListId(DOMAIN, TaskListId.Kind.ACTIVITY, "decide");

  protected TaskListStore store;

  protected abstract TaskListStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  private static TaskRef task(long scheduled) {
    return new TaskRef("w", "r1", scheduled);
  }

  private static TaskRef task(long scheduled, int priority) {
    return new TaskRef("w", "r1", scheduled, priority);
  }

  private static final long NOW = 1_700_000_000_000L;

  /** Takes and acknowledges the first task. */
  private Optional<TaskRef> take(TaskListId list) {
    Optional<TaskListStore.Taken> taken = await(store.take(list, NOW));
    taken.ifPresent(t -> await(store.ack(list, t.receipt())));
    return taken.map(TaskListStore.Taken::task);
  }

  @Test
  void tasksAreTakenInTheOrderQueuedAndListsOfBothKindsAreApart() {
    await(store.queue(ACTIVITIES, List.of(task(3), task(4))));
    await(store.queue(ACTIVITIES, List.of(task(5))));

    assertEquals(Optional.of(task(3)), take(ACTIVITIES));
    assertEquals(Optional.empty(), take(DECISIONS), "decision and activity lists are apart");
    assertEquals(Optional.of(task(4)), take(ACTIVITIES));
    assertEquals(Optional.of(task(5)), take(ACTIVITIES));
    assertEquals(Optional.empty(), take(ACTIVITIES));
  }

  @Test
  void aHigherPriorityIsTakenFirstAndEqualPrioritiesInTheirOrder() {
    await(store.queue(ACTIVITIES, List.of(task(1, 0), task(2, 5), task(3, -7), task(4, 5), task(5, Integer.MAX_VALUE),
        task(6, Integer.MIN_VALUE))));

    List<Long> order = new ArrayList<>();
    for (Optional<TaskRef> t = take(ACTIVITIES); t.isPresent(); t = take(ACTIVITIES)) {
      order.add(t.get().scheduledEventId());
    }

    assertEquals(List.of(5L, 2L, 4L, 1L, 3L, 6L), order);
  }

  @Test
  void eachTaskIsTakenByExactlyOneOfManyConcurrentTakers() {
    List<TaskRef> tasks = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      tasks.add(task(i));
    }
    await(store.queue(ACTIVITIES, tasks));

    List<CompletableFuture<Optional<TaskListStore.Taken>>> takes = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      takes.add(store.take(ACTIVITIES, NOW).toCompletableFuture());
    }
    Set<Long> taken = new HashSet<>();
    int empty = 0;
    for (CompletableFuture<Optional<TaskListStore.Taken>> take : takes) {
      Optional<TaskListStore.Taken> t = await(take);
      if (t.isPresent()) {
        assertTrue(taken.add(t.get().task().scheduledEventId()), "handed out twice: " + t.get());
      } else {
        empty++;
      }
    }

    assertEquals(50, taken.size());
    assertEquals(30, empty);
  }

  @Test
  void aTaskReleasedIsTakenAgainInItsPlace() {
    await(store.queue(ACTIVITIES, List.of(task(1, 2), task(2, 2), task(3, 9))));
    TaskListStore.Taken first = await(store.take(ACTIVITIES, NOW)).orElseThrow();
    TaskListStore.Taken second = await(store.take(ACTIVITIES, NOW)).orElseThrow();

    await(store.release(ACTIVITIES, second.receipt()));
    await(store.release(ACTIVITIES, first.receipt()));
    await(store.release(ACTIVITIES, first.receipt()));

    assertEquals(Optional.of(task(3, 9)), take(ACTIVITIES));
    assertEquals(Optional.of(task(1, 2)), take(ACTIVITIES));
    assertEquals(Optional.of(task(2, 2)), take(ACTIVITIES));
    assertEquals(Optional.empty(), take(ACTIVITIES), "released twice, queued once");
  }

  @Test
  void aTaskTakenAndNeverAcknowledgedComesBackAfterItsTime() {
    await(store.queue(ACTIVITIES, List.of(task(1), task(2))));
    TaskListStore.Taken lost = await(store.take(ACTIVITIES, NOW)).orElseThrow();
    TaskListStore.Taken acknowledged = await(store.take(ACTIVITIES, NOW)).orElseThrow();
    await(store.ack(ACTIVITIES, acknowledged.receipt()));
    assertEquals(0L, await(store.pending(ACTIVITIES)));

    assertEquals(Optional.empty(), await(store.take(ACTIVITIES, NOW + TaskListStore.TAKEN_MILLIS - 1)));
    Optional<TaskListStore.Taken> again = await(store.take(ACTIVITIES, NOW + TaskListStore.TAKEN_MILLIS));

    assertEquals(Optional.of(lost.task()), again.map(TaskListStore.Taken::task));
    await(store.ack(ACTIVITIES, again.orElseThrow().receipt()));
    assertEquals(Optional.empty(), await(store.take(ACTIVITIES, NOW + 10 * TaskListStore.TAKEN_MILLIS)));
  }

  @Test
  void pendingCountsTheTasksOfOneListAndKind() {
    await(store.queue(DECISIONS, List.of(task(2), task(3))));

    assertEquals(2L, await(store.pending(DECISIONS)));
    assertEquals(0L, await(store.pending(ACTIVITIES)));
    take(DECISIONS);
    assertEquals(1L, await(store.pending(DECISIONS)));
  }
}

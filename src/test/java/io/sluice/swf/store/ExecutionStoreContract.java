package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.ExecutionStore.QueuedTask;
import io.sluice.swf.store.ExecutionStore.Versioned;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ExecutionStore}: every engine extends this class and must pass
 * every test. Subclasses give a store without executions before each test.
 */
public abstract class ExecutionStoreContract {
  private static final DomainId DOMAIN = new DomainId("us-east-1", "000000000000", "orders");
  private static final TaskListId DECISIONS = new TaskListId(DOMAIN, TaskListId.Kind.DECISION, "decide");
  private static final TaskListId ACTIVITIES = new TaskListId(DOMAIN, TaskListId.Kind.ACTIVITY, "decide");

  protected ExecutionStore store;

  protected abstract ExecutionStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  private static ExecutionKey run(String workflowId, String runId) {
    return new ExecutionKey(DOMAIN, workflowId, runId);
  }

  private static QueuedTask task(TaskListId list, ExecutionKey key, long scheduled) {
    return new QueuedTask(list, new TaskRef(key.workflowId(), key.runId(), scheduled));
  }

  @Test
  void aStartStoresStateEventsAndTasksAndASecondOpenRunOfTheWorkflowIdIsRefused() {
    ExecutionKey first = run("w", "r1");

    assertTrue(await(store.start(first, "{\"s\":1}", List.of("e1", "e2"), List.of(task(DECISIONS, first, 2)))));
    assertFalse(await(store.start(run("w", "r2"), "{}", List.of("x"), List.of(task(DECISIONS, first, 9)))));

    assertEquals(Optional.of(new Versioned("{\"s\":1}", 1)), await(store.read(first)));
    assertEquals(Optional.empty(), await(store.read(run("w", "r2"))));
    assertEquals(List.of("e1", "e2"), await(store.events(first, 1)));
    assertEquals(Optional.of(new TaskRef("w", "r1", 2)), await(store.take(DECISIONS)));
    assertEquals(Optional.empty(), await(store.take(DECISIONS)));
  }

  @Test
  void aCommitAtTheReadVersionAppendsAndQueuesAndAStaleOneDoesNothing() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), List.of()));

    assertTrue(await(store.commit(key, 1, "s2", List.of("e2", "e3"), false, List.of(task(ACTIVITIES, key, 3)))));
    assertFalse(await(store.commit(key, 1, "stale", List.of("lost"), false, List.of(task(ACTIVITIES, key, 4)))));

    assertEquals(Optional.of(new Versioned("s2", 2)), await(store.read(key)));
    assertEquals(List.of("e2", "e3"), await(store.events(key, 2)));
    assertEquals(Optional.of(new TaskRef("w", "r1", 3)), await(store.take(ACTIVITIES)));
    assertEquals(Optional.empty(), await(store.take(ACTIVITIES)));
    assertEquals(Optional.empty(), await(store.take(DECISIONS)), "decision and activity lists are apart");
  }

  @Test
  void closingARunLetsTheWorkflowIdStartAgain() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), List.of()));

    assertTrue(await(store.commit(key, 1, "closed", List.of("e2"), true, List.of())));

    assertEquals(Optional.empty(), await(store.openRun(run("w", null))));
    assertTrue(await(store.start(run("w", "r2"), "s1", List.of("e1"), List.of())));
    assertEquals(Optional.of("r2"), await(store.openRun(run("w", null))));
    assertEquals(List.of("e1", "e2"), await(store.events(key, 1)));
  }

  @Test
  void eachTaskIsTakenByExactlyOneOfManyConcurrentTakers() {
    ExecutionKey key = run("w", "r1");
    List<QueuedTask> tasks = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      tasks.add(task(ACTIVITIES, key, i));
    }
    await(store.start(key, "s", List.of("e1"), tasks));

    List<CompletableFuture<Optional<TaskRef>>> takes = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      takes.add(store.take(ACTIVITIES).toCompletableFuture());
    }
    Set<Long> taken = new HashSet<>();
    int empty = 0;
    for (CompletableFuture<Optional<TaskRef>> take : takes) {
      Optional<TaskRef> t = await(take);
      if (t.isPresent()) {
        assertTrue(taken.add(t.get().scheduledEventId()), "handed out twice: " + t.get());
      } else {
        empty++;
      }
    }

    assertEquals(50, taken.size());
    assertEquals(30, empty);
  }

  @Test
  void concurrentCommitsAtOneVersionLetExactlyOneThrough() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), List.of()));

    List<CompletableFuture<Boolean>> commits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      commits.add(store.commit(key, 1, "s" + i, List.of("e" + i), false, List.of()).toCompletableFuture());
    }

    assertEquals(1, commits.stream().filter(c -> await(c)).count());
    assertEquals(2, await(store.events(key, 1)).size());
  }

  @Test
  void aTaskPutBackIsTakenFirst() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s", List.of("e1"), List.of(task(ACTIVITIES, key, 1), task(ACTIVITIES, key, 2))));
    TaskRef first = await(store.take(ACTIVITIES)).orElseThrow();

    await(store.putBack(ACTIVITIES, first));

    assertEquals(Optional.of(first), await(store.take(ACTIVITIES)));
    assertEquals(Optional.of(new TaskRef("w", "r1", 2)), await(store.take(ACTIVITIES)));
  }

  @Test
  void continueAsNewClosesTheRunAndOpensTheNextInOneStep() {
    ExecutionKey first = run("w", "r1");
    ExecutionKey next = run("w", "r2");
    await(store.start(first, "s1", List.of("e1"), List.of()));

    assertFalse(await(store.continueAsNew(first, 9, "x", List.of("x"), next, "x", List.of("x"), List.of())));
    assertTrue(await(store.continueAsNew(first, 1, "closed", List.of("e2"), next, "n1", List.of("n1", "n2"),
        List.of(task(DECISIONS, next, 2)))));

    assertEquals(Optional.of(new Versioned("closed", 2)), await(store.read(first)));
    assertEquals(Optional.of(new Versioned("n1", 1)), await(store.read(next)));
    assertEquals(List.of("e1", "e2"), await(store.events(first, 1)));
    assertEquals(List.of("n1", "n2"), await(store.events(next, 1)));
    assertEquals(Optional.of("r2"), await(store.openRun(run("w", null))));
    assertEquals(Optional.of(new TaskRef("w", "r2", 2)), await(store.take(DECISIONS)));
  }

  @Test
  void startsAndContinueAsNewIndexTheirRunsInTheirDomainOnly() {
    ExecutionKey first = run("w", "r1");
    ExecutionKey next = run("w", "r2");
    ExecutionKey other = new ExecutionKey(new DomainId("us-east-1", "000000000000", "billing"), "w", "r9");
    await(store.start(first, "{}", List.of("e1"), List.of()));
    await(store.start(other, "{}", List.of("e1"), List.of()));
    assertFalse(await(store.start(run("w", "r3"), "{}", List.of("e1"), List.of())));

    assertTrue(await(store.continueAsNew(first, 1, "{}", List.of("e2"), next, "{}", List.of("n1"), List.of())));

    assertEquals(Set.of(first, next), new HashSet<>(await(store.indexed(DOMAIN))));
    assertEquals(List.of(other), await(store.indexed(other.domain())));
    await(store.unindex(first));
    assertEquals(List.of(next), await(store.indexed(DOMAIN)));
  }

  @Test
  void pendingCountsTheTasksOfOneListAndKind() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "{}", List.of("e1"), List.of(task(DECISIONS, key, 2), task(DECISIONS, key, 3))));

    assertEquals(2L, await(store.pending(DECISIONS)));
    assertEquals(0L, await(store.pending(ACTIVITIES)));
    await(store.take(DECISIONS));
    assertEquals(1L, await(store.pending(DECISIONS)));
  }
}

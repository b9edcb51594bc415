package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.ExecutionStore.DeadlineChanges;
import io.sluice.swf.store.ExecutionStore.Versioned;
import java.nio.charset.StandardCharsets;
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
  private static final long NOW = 1_700_000_000_000L;

  protected ExecutionStore store;

  protected abstract ExecutionStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  private static ExecutionKey run(String workflowId, String runId) {
    return new ExecutionKey(DOMAIN, workflowId, runId);
  }

  /** A deadline item of {@code key}'s workflowId due at {@code due}, its payload its id. */
  private static Scheduler.Item deadline(ExecutionKey key, String id, long due) {
    return new Scheduler.Item(id, ExecutionStore.deadlinePartition(key), null, 0, due, null,
        id.getBytes(StandardCharsets.UTF_8), null);
  }

  private static DeadlineChanges adding(Scheduler.Item... items) {
    return new DeadlineChanges(List.of(items), List.of());
  }

  /** The ids of the deadlines due at {@code at}, claimed. */
  private Set<String> due(long at) {
    Set<String> ids = new HashSet<>();
    await(store.deadlines().claim(at, 100, "kit", at + 1_000)).forEach(i -> ids.add(i.id()));
    return ids;
  }

  @Test
  void aStartStoresStateEventsAndDeadlinesAndASecondOpenRunOfTheWorkflowIdIsRefused() {
    ExecutionKey first = run("w", "r1");

    assertTrue(await(store.start(first, "{\"s\":1}", List.of("e1", "e2"), adding(deadline(first, "r1/t", NOW)), NOW)));
    assertFalse(await(store.start(run("w", "r2"), "{}", List.of("x"), adding(deadline(first, "r2/t", NOW)), NOW)));

    assertEquals(Optional.of(new Versioned("{\"s\":1}", 1)), await(store.read(first)));
    assertEquals(Optional.empty(), await(store.read(run("w", "r2"))));
    assertEquals(List.of("e1", "e2"), await(store.events(first, 1)));
    assertEquals(Optional.of("r1"), await(store.openRun(run("w", null))));
    assertEquals(Set.of("r1/t"), due(NOW));
  }

  @Test
  void aCommitAtTheReadVersionAppendsAndChangesDeadlinesAndAStaleOneDoesNothing() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), adding(deadline(key, "old", NOW + 50), deadline(key, "kept", NOW + 60)),
        NOW));

    assertTrue(await(store.commit(key, 1, "s2", List.of("e2", "e3"), false,
        new DeadlineChanges(List.of(deadline(key, "new", NOW + 10)), List.of("old")), NOW)));
    assertFalse(await(store.commit(key, 1, "stale", List.of("lost"), false,
        new DeadlineChanges(List.of(deadline(key, "lost", NOW)), List.of("kept")), NOW)));

    assertEquals(Optional.of(new Versioned("s2", 2)), await(store.read(key)));
    assertEquals(List.of("e2", "e3"), await(store.events(key, 2)));
    assertEquals(Set.of(), due(NOW + 5));
    assertEquals(Set.of("new", "kept"), due(NOW + 100));
  }

  @Test
  void aDeadlineCommittedHeldIsNotDueUntilItsLeaseEnds() {
    ExecutionKey key = run("w", "r1");
    Scheduler.Item held = new Scheduler.Item("fx", ExecutionStore.deadlinePartition(key), null, 0, NOW + 5_000, null,
        "fx".getBytes(StandardCharsets.UTF_8), Scheduler.newHolder("node-a"));

    await(store.start(key, "s1", List.of("e1"), adding(held), NOW));

    assertEquals(Set.of(), due(NOW + 4_999));
    assertEquals(Set.of("fx"), due(NOW + 5_000));
  }

  @Test
  void closingARunLetsTheWorkflowIdStartAgain() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));

    assertTrue(await(store.commit(key, 1, "closed", List.of("e2"), true, DeadlineChanges.NONE, NOW)));

    assertEquals(Optional.empty(), await(store.openRun(run("w", null))));
    assertTrue(await(store.start(run("w", "r2"), "s1", List.of("e1"), DeadlineChanges.NONE, NOW)));
    assertEquals(Optional.of("r2"), await(store.openRun(run("w", null))));
    assertEquals(List.of("e1", "e2"), await(store.events(key, 1)));
  }

  @Test
  void concurrentCommitsAtOneVersionLetExactlyOneThrough() {
    ExecutionKey key = run("w", "r1");
    await(store.start(key, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));

    List<CompletableFuture<Boolean>> commits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      commits.add(store.commit(key, 1, "s" + i, List.of("e" + i), false, adding(deadline(key, "d" + i, NOW)), NOW)
          .toCompletableFuture());
    }

    assertEquals(1, commits.stream().filter(c -> await(c)).count());
    assertEquals(2, await(store.events(key, 1)).size());
    assertEquals(1, due(NOW).size());
  }

  @Test
  void continueAsNewClosesTheRunAndOpensTheNextInOneStep() {
    ExecutionKey first = run("w", "r1");
    ExecutionKey next = run("w", "r2");
    await(store.start(first, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));

    assertFalse(await(store.continueAsNew(first, 9, "x", List.of("x"), next, "x", List.of("x"),
        adding(deadline(next, "x", NOW)), NOW)));
    assertTrue(await(store.continueAsNew(first, 1, "closed", List.of("e2"), next, "n1", List.of("n1", "n2"),
        adding(deadline(next, "r2/decision", NOW)), NOW)));

    assertEquals(Optional.of(new Versioned("closed", 2)), await(store.read(first)));
    assertEquals(Optional.of(new Versioned("n1", 1)), await(store.read(next)));
    assertEquals(List.of("e1", "e2"), await(store.events(first, 1)));
    assertEquals(List.of("n1", "n2"), await(store.events(next, 1)));
    assertEquals(Optional.of("r2"), await(store.openRun(run("w", null))));
    assertEquals(Set.of("r2/decision"), due(NOW));
  }

  /** Run {@code runId} of workflowId {@code w}, started and closed, its retention ({@code <runId>/ret}) ending at {@code end}. */
  private ExecutionKey closedRun(String runId, long end) {
    ExecutionKey key = run("w", runId);
    await(store.start(key, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));
    await(store.commit(key, 1, "closed", List.of("e2"), true, adding(deadline(key, runId + "/ret", end)), NOW));
    return key;
  }

  /**
   * Checks, where the engine can tell, that nothing of {@code key}'s workflowId is left in the store
   * or its scheduler's index (none by default).
   */
  protected void assertNothingLeftOf(ExecutionKey key) {}

  @Test
  void deletingAWorkflowIdsLastRunRemovesItsRetentionDeadlineAndLeavesNothing() {
    ExecutionKey first = closedRun("r1", NOW + 10);
    ExecutionKey second = closedRun("r2", NOW + 20);

    assertTrue(await(store.delete(first, "r1/ret")));
    assertTrue(await(store.delete(second, "r2/ret")));

    assertEquals(Set.of(), due(NOW + 1_000));
    assertEquals(Optional.empty(), await(store.openRun(run("w", null))));
    assertNothingLeftOf(first);
  }

  @Test
  void deletingARunKeepsTheDeadlinesOfTheWorkflowIdsOtherRuns() {
    ExecutionKey first = closedRun("r1", NOW + 10);
    ExecutionKey second = run("w", "r2");
    await(store.start(second, "s1", List.of("e1"), adding(deadline(second, "r2/timer", NOW + 20)), NOW));

    assertTrue(await(store.delete(first, "r1/ret")));

    assertEquals(Set.of("r2/timer"), due(NOW + 1_000));
  }

  @Test
  void onlyAClosedRunIsDeleted() {
    ExecutionKey first = run("w", "r1");
    ExecutionKey second = run("w", "r2");
    await(store.start(first, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));
    assertFalse(await(store.delete(first, "r1/ret")), "the open run stays");
    await(store.commit(first, 1, "closed", List.of("e2"), true, DeadlineChanges.NONE, NOW));
    await(store.start(second, "s1", List.of("e1"), DeadlineChanges.NONE, NOW));

    assertTrue(await(store.delete(first, "r1/ret")));
    assertFalse(await(store.delete(first, "r1/ret")));
    assertFalse(await(store.delete(run("w", "nothing"), "nothing/ret")));

    assertEquals(Optional.empty(), await(store.read(first)));
    assertEquals(List.of(), await(store.events(first, 1)));
    assertEquals(Optional.of("r2"), await(store.openRun(run("w", null))));
    assertEquals(List.of("e1"), await(store.events(second, 1)));
  }
}

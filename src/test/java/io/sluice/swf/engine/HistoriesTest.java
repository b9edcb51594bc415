package io.sluice.swf.engine;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.waiters.Signals;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.Visibility;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.InMemoryExecutionStore;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * History transactions: a change that lost the race to another transaction runs again on what the
 * other stored, its events numbered after the other's; tasks are queued and their list announced
 * only once committed; a move the transition tables lack stores nothing.
 */
class HistoriesTest {
  private static final DomainId DOMAIN = new DomainId("us-east-1", "000000000000", "orders");
  private static final ExecutionKey KEY = new ExecutionKey(DOMAIN, "w", "r");

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final InMemoryExecutionStore memory = new InMemoryExecutionStore();
  private final InMemoryTaskListStore lists = new InMemoryTaskListStore();
  private final List<String> announced = new ArrayList<>();
  /** Runs once just before the next commit: another node's transaction coming first. */
  private Runnable before;

  private final ExecutionStore racing = new ExecutionStore() {
    @Override
    public Scheduler deadlines() {
      return memory.deadlines();
    }

    @Override
    public CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events,
                                          DeadlineChanges deadlines, long now) {
      return memory.start(key, state, events, deadlines, now);
    }

    @Override
    public CompletionStage<Optional<String>> openRun(ExecutionKey key) {
      return memory.openRun(key);
    }

    @Override
    public CompletionStage<Optional<Versioned>> read(ExecutionKey key) {
      return memory.read(key);
    }

    @Override
    public CompletionStage<Boolean> commit(ExecutionKey key, long version, String state, List<String> events,
                                           boolean closed, DeadlineChanges deadlines, long now) {
      if (before != null) {
        Runnable other = before;
        before = null;
        other.run();
      }
      return memory.commit(key, version, state, events, closed, deadlines, now);
    }

    @Override
    public CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state, List<String> events,
                                                  ExecutionKey next, String nextState, List<String> nextEvents,
                                                  DeadlineChanges deadlines, long now) {
      return memory.continueAsNew(key, version, state, events, next, nextState, nextEvents, deadlines, now);
    }

    @Override
    public CompletionStage<Boolean> delete(ExecutionKey key, String retentionItem) {
      return memory.delete(key, retentionItem);
    }

    @Override
    public CompletionStage<List<String>> events(ExecutionKey key, long from) {
      return memory.events(key, from);
    }
  };

  private final Signals<String> signals = new Signals<>() {
    @Override
    public long epoch(String resource) {
      return 0;
    }

    @Override
    public CompletionStage<Boolean> await(String resource, long sinceEpoch, long maxWaitMillis) {
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public void announce(String resource) {
      announced.add(resource);
    }

    @Override
    public long monotonicMillis() {
      return 0;
    }
  };

  /** Appends a marker named by the message to its target, once per message. */
  private final MessageHandler marker = new MessageHandler() {
    @Override
    public String kind() {
      return "marker";
    }

    @Override
    public CompletionStage<Void> deliver(Histories histories, Message m) {
      return histories.update(m.target(), h -> {
        if (h.firstDelivery(m.id())) {
          h.append("MarkerRecorded", History.attributes().put("markerName", m.body().path("name").asText()));
        }
        return null;
      });
    }
  };

  private final Histories histories = new Histories(racing, lists, signals, clock, List.of(marker),
      new Visibility(new InMemoryVisibilityStore(), clock), HistoryObserver.NONE);

  private void started() {
    Execution ex = new Execution();
    ex.workflowId = "w";
    ex.runId = "r";
    ex.workflowType = new TypeRef("flow", "1");
    ex.taskList = "decide";
    await(histories.start(KEY, ex, h -> {
      h.append("WorkflowExecutionStarted", History.attributes());
      h.scheduleDecisionTask();
    }));
  }

  private List<String> types() {
    return await(histories.events(KEY, 1)).stream().map(e -> e.get("eventType").asText()).toList();
  }

  @Test
  void aChangeThatLostTheRaceRunsAgainAfterTheOtherTransaction() {
    // Given a started run, and another transaction that commits a marker just before ours
    started();
    before = () -> await(histories.update(KEY, h -> h.append("MarkerRecorded", History.attributes())));

    // When our change appends an event
    long id = await(histories.update(KEY, h -> h.append("WorkflowExecutionSignaled", History.attributes())));

    // Then both are stored, ours numbered after the other's
    assertEquals(4, id);
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "MarkerRecorded",
        "WorkflowExecutionSignaled"), types());
  }

  @Test
  void tasksAreQueuedAndAnnouncedWithTheirCommit() {
    started();

    assertEquals(List.of(new TaskListId(DOMAIN, TaskListId.Kind.DECISION, "decide").key()), announced);
    assertEquals(Optional.of(new TaskRef("w", "r", 2)),
        await(lists.take(new TaskListId(DOMAIN, TaskListId.Kind.DECISION, "decide"), 0)).map(t -> t.task()));
  }

  @Test
  void aMoveTheTableLacksStoresNothing() {
    started();

    // a scheduled decision task cannot be scheduled again
    assertThrows(IllegalStateException.class, () -> await(histories.update(KEY, h -> {
      h.append("MarkerRecorded", History.attributes());
      h.scheduleDecisionTask();
      return null;
    })));

    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled"), types());
    assertEquals(DecisionTaskState.SCHEDULED, await(histories.read(KEY)).orElseThrow().decision.state);
  }

  @Test
  void aMessageSentByACommittedTransactionIsDeliveredOnceEvenIfDeliveredAgain() {
    started();
    Message m = new Message("r/9", "marker", KEY, "w", "r", History.attributes().put("name", "m1"));

    // a transaction that fails sends nothing
    assertThrows(IllegalStateException.class, () -> await(histories.update(KEY, h -> {
      h.append("WorkflowExecutionSignaled", History.attributes());
      h.send(m);
      throw new IllegalStateException("refused");
    })));
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled"), types());

    // a committed one sends it; a second delivery (after a crash) changes nothing
    await(histories.update(KEY, h -> {
      h.append("WorkflowExecutionSignaled", History.attributes());
      h.send(m);
      return null;
    }));
    await(histories.deliver(m));

    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "WorkflowExecutionSignaled",
        "MarkerRecorded"), types());
  }
}

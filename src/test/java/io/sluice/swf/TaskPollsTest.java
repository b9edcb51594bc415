package io.sluice.swf;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.storage.waiters.Signals;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.InMemoryDomainStore;
import io.sluice.swf.store.InMemoryExecutionStore;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A poll whose start of the taken task fails puts the task back: the next poll gets it. */
class TaskPollsTest {
  private static final DomainId DOMAIN = new DomainId("us-east-1", "000000000000", "orders");
  private static final TaskListId LIST = new TaskListId(DOMAIN, TaskListId.Kind.ACTIVITY, "work");

  private final InMemoryTaskListStore store = new InMemoryTaskListStore();
  private final Signals<String> quiet = new Signals<>() {
    @Override
    public long epoch(String resource) {
      return 0;
    }

    @Override
    public CompletionStage<Boolean> await(String resource, long sinceEpoch, long maxWaitMillis) {
      return CompletableFuture.completedFuture(false);
    }

    @Override
    public void announce(String resource) {}

    @Override
    public long monotonicMillis() {
      return 0;
    }
  };
  private final SwfServices swf = new SwfServices(new InMemoryDomainStore(), new InMemoryExecutionStore(), store,
      new InMemoryVisibilityStore(), quiet, new ManualClock(1_700_000_000_000L), SwfConfig.DEFAULTS,
      LambdaFunctions.none());

  @Test
  void aTaskWhoseStartFailedIsPutBackForTheNextPoll() {
    // Given a queued task
    await(store.queue(LIST, List.of(new TaskRef("w", "r", 5))));

    // When a poll takes it and its start fails (the store unavailable), then another polls
    assertThrows(IllegalStateException.class, () -> await(TaskPolls.poll(swf, LIST,
        ref -> CompletableFuture.<Optional<Long>>failedFuture(new IllegalStateException("store down")))));
    Optional<Long> next = await(TaskPolls.poll(swf, LIST,
        ref -> CompletableFuture.completedFuture(Optional.of(ref.scheduledEventId()))));

    // Then the second poll got it
    assertEquals(Optional.of(5L), next);
  }
}

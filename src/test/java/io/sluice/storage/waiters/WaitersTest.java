package io.sluice.storage.waiters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.storage.waiters.Waiters.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waits held on one (unclustered) node: signals wake them, their timers end them, shutdown answers
 * them. A wait that should end at once is given far longer than any answer takes, so a missed
 * wake-up shows as a test timeout rather than as a pass by luck.
 */
class WaitersTest {
  /** Longer than any test waits for an answer: a wait that ends did not end by its timer. */
  private static final long HELD_MS = 60_000;

  /** A resource as a service would have one; its key names it on the bus. */
  private record TaskList(String domain, String name) {
    String key() {
      return domain + "/" + name;
    }
  }

  private static final TaskList ORDERS = new TaskList("shop", "orders");
  private static final TaskList REFUNDS = new TaskList("shop", "refunds");

  private Vertx vertx;
  private Waiters<TaskList> waiters;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    waiters = Waiters.<TaskList>start(vertx, "test.task-available", TaskList::key, MonotonicClock.SYSTEM)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T answer(CompletableFuture<T> wait) throws Exception {
    return wait.get(10, TimeUnit.SECONDS);
  }

  private CompletableFuture<Outcome> held(TaskList resource) {
    return waiters.await(resource, waiters.epoch(resource), HELD_MS).toCompletableFuture();
  }

  @Test
  void signalWakesEveryWaitOnThatResource() throws Exception {
    // Given two waits held on one task list
    CompletableFuture<Outcome> first = held(ORDERS);
    CompletableFuture<Outcome> second = held(ORDERS);
    assertEquals(2, waiters.held());

    // When the task list is signalled
    waiters.signal(ORDERS);

    // Then both end at once, signalled, and nothing is held any more
    assertEquals(Outcome.SIGNALLED, answer(first));
    assertEquals(Outcome.SIGNALLED, answer(second));
    assertEquals(0, waiters.held());
  }

  @Test
  void signalOnAnotherResourceLeavesTheWaitHeld() throws Exception {
    // Given a wait held on one task list
    CompletableFuture<Outcome> orders = held(ORDERS);

    // When another task list is signalled
    waiters.signal(REFUNDS);
    CompletableFuture<Outcome> refunds = held(REFUNDS);
    waiters.signal(REFUNDS);
    answer(refunds);

    // Then the first wait is still held
    assertFalse(orders.isDone());
    assertEquals(1, waiters.held());
  }

  @Test
  void signalBetweenTheLookAndTheWaitIsNotLost() throws Exception {
    // Given a waiter that read the epoch before looking at the store
    long epoch = waiters.epoch(ORDERS);

    // When the task list is signalled before the waiter starts waiting
    waiters.signal(ORDERS);
    CompletableFuture<Outcome> wait = waiters.await(ORDERS, epoch, HELD_MS).toCompletableFuture();

    // Then the wait ends at once, so that the waiter looks again
    assertEquals(Outcome.SIGNALLED, answer(wait));
    assertEquals(epoch + 1, waiters.epoch(ORDERS));
  }

  @Test
  void waitEndsWhenItsTimeIsUp() throws Exception {
    // Given a wait of 20 ms on a task list nobody signals
    CompletableFuture<Outcome> wait = waiters.await(ORDERS, waiters.epoch(ORDERS), 20).toCompletableFuture();

    // Then it ends by its timer
    assertEquals(Outcome.TIMED_OUT, answer(wait));
    assertEquals(0, waiters.held());
  }

  @Test
  void closeAllAnswersEveryHeldWaitAndHoldsNoNewOne() throws Exception {
    // Given waits held on two task lists
    CompletableFuture<Outcome> orders = held(ORDERS);
    CompletableFuture<Outcome> refunds = held(REFUNDS);

    // When the node shuts down
    waiters.closeAll();

    // Then every wait answers now, and a new one is not held
    assertEquals(Outcome.CLOSING, answer(orders));
    assertEquals(Outcome.CLOSING, answer(refunds));
    assertEquals(Outcome.CLOSING, answer(held(ORDERS)));
    assertEquals(0, waiters.held());
  }

  @Test
  void waitEndsOnTheContextThatStartedIt() throws Exception {
    // Given a wait started on an event loop (as a service verticle starts it)
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Context> completedOn = new CompletableFuture<>();
    CompletableFuture<Void> started = new CompletableFuture<>();
    context.runOnContext(v -> {
      held(ORDERS).thenRun(() -> completedOn.complete(Vertx.currentContext()));
      started.complete(null);
    });
    answer(started);

    // When another thread signals the task list
    waiters.signal(ORDERS);

    // Then the wait's answer runs on the waiter's own context
    assertSame(context, answer(completedOn));
  }
}

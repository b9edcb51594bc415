package io.sluice.it.swf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loops of held task polls that hold no thread, for {@link AsyncDecider} and
 * {@link AsyncActivityWorker}: each poller chains a poll (held up to 60 s server-side, polled again
 * when it answers without a task), the handling of the task it got, then the next poll; a failed
 * call is kept and the loop goes on after a pause. {@link #close} stops every poller within 10 s
 * (the held polls cancelled, which aborts their requests) and then fails with what failed.
 *
 * @param <T> a poll's answer
 */
abstract class AsyncPollers<T> implements AutoCloseable {
  private static final Duration STOP = Duration.ofSeconds(10);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);

  private final String role;
  private final List<Poller> pollers = new ArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  AsyncPollers(String role) {
    this.role = role;
  }

  /** A poll, as {@code identity}. */
  protected abstract CompletableFuture<T> poll(String identity);

  /** The token of the task an answer hands out (empty when the poll's time ran out). */
  protected abstract String taskToken(T answer);

  /** Works the task an answer handed out. */
  protected abstract CompletableFuture<Void> handle(T answer);

  /** Starts {@code count} pollers. */
  protected final void startPollers(int count) {
    for (int i = 0; i < count; i++) {
      Poller poller = new Poller(role + "-" + i);
      pollers.add(poller);
      poller.next();
    }
  }

  /** Whether {@link #close} was called. */
  protected final boolean stopped() {
    return stopped;
  }

  /** Stops the pollers (bounded) and fails if anything failed while running. */
  @Override
  public void close() {
    stopped = true;
    pollers.forEach(Poller::cancel);
    try {
      CompletableFuture.allOf(pollers.stream().map(p -> p.done).toArray(CompletableFuture[]::new))
          .get(STOP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("the " + role + " did not stop within " + STOP, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (!failures.isEmpty()) {
      AssertionError failed = new AssertionError("the " + role + " failed: " + failures.getFirst(),
          failures.getFirst());
      failures.stream().skip(1).forEach(failed::addSuppressed);
      throw failed;
    }
  }

  /** One loop of polls; {@link #done} once it stopped. */
  private final class Poller {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final String identity;
    private volatile CompletableFuture<T> held;

    Poller(String identity) {
      this.identity = identity;
    }

    void next() {
      if (stopped) {
        done.complete(null);
        return;
      }
      CompletableFuture<T> poll = poll(identity);
      held = poll;
      if (stopped) {
        poll.cancel(true);
      }
      poll.thenCompose(answer -> taskToken(answer) == null || taskToken(answer).isEmpty()
              ? CompletableFuture.completedFuture(null)
              : handle(answer))
          .whenComplete((v, failure) -> {
            if (failure == null || stopped) {
              next();
            } else {
              failures.add(failure);
              CompletableFuture.delayedExecutor(PAUSE_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS)
                  .execute(this::next);
            }
          });
    }

    void cancel() {
      CompletableFuture<T> poll = held;
      if (poll != null) {
        poll.cancel(true);
      }
    }
  }
}

package io.sluice.sqs;

import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueGoneException;
import io.sluice.sqs.store.QueueStore.MoveTask;
import io.sluice.sqs.store.QueueStore.MoveTaskChange;
import io.sluice.sqs.store.QueueStore.MoveTaskUpdate;
import io.sluice.sqs.store.QueueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves the messages of running message move tasks, a little on every {@link #tick}. Every node
 * runs one driver; all state is in the store, so a task started on one node is carried on by
 * another, and after a restart. A driver works on a task only while it holds the task's lease
 * (taken and renewed by a {@link MoveTaskChange#claim claim}, which the store declines while another
 * node's lease lasts); a lease left by a crashed node expires after {@link #LEASE_MILLIS} and another
 * driver takes over. Every change of a task is one store step ({@link MoveTaskChange}).
 *
 * <p>The rate limit needs no memory of its own: by the time {@code now}, a task may have moved at
 * most {@code MaxNumberOfMessagesPerSecond × seconds since it started}. A tick moves what that
 * allows (at most one second's worth), or {@link #UNLIMITED_BATCH} messages when no rate was set.
 * A task completes when it has moved as many messages as its source held at the start, or when a
 * move finds fewer messages than it asked for; it fails when a queue it moves between is deleted.
 */
public final class MessageMoveTaskDriver {
  /** How long a lease lasts without renewal. */
  public static final long LEASE_MILLIS = 10_000;
  /** Messages moved per tick and task when the task has no rate limit. */
  public static final int UNLIMITED_BATCH = 100;

  private static final String QUEUE_GONE = "AWS.SimpleQueueService.NonExistentQueue";
  private static final Logger LOG = Logger.getLogger(MessageMoveTaskDriver.class.getName());

  private final QueueStore store;
  private final QueueDirectory directory;
  private final MessageArrivals arrivals;
  private final String owner;
  private final AtomicBoolean ticking = new AtomicBoolean();

  /**
   * @param owner this driver's lease name, unique per node
   */
  public MessageMoveTaskDriver(QueueStore store, QueueDirectory directory, MessageArrivals arrivals, String owner) {
    this.store = store;
    this.directory = directory;
    this.arrivals = arrivals;
    this.owner = owner;
  }

  /**
   * Advances every active task this driver holds or can take. Completes when done; a tick that
   * starts while the previous one is still working does nothing. Never fails.
   */
  public CompletionStage<Void> tick(long now) {
    if (!ticking.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done;
    try {
      done = store.activeMoveTasks().thenCompose(tasks -> {
        List<CompletableFuture<Void>> steps = new ArrayList<>(tasks.size());
        for (MoveTask t : tasks) {
          steps.add(drive(t, now).toCompletableFuture());
        }
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
      }).toCompletableFuture();
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    return done.handle((v, failure) -> {
      if (failure != null) {
        LOG.log(Level.WARNING, "message move tasks could not be listed", failure);
      }
      ticking.set(false);
      return null;
    });
  }

  private CompletionStage<Void> drive(MoveTask seen, long now) {
    if (heldByOther(seen, now)) {
      return CompletableFuture.completedFuture(null);
    }
    return update(seen, MoveTaskChange.claim(owner, now, now + LEASE_MILLIS)).thenCompose(claimed -> {
      if (claimed == null) {
        return CompletableFuture.completedFuture(null);
      }
      if (claimed.status() == MoveTaskStatus.CANCELLING) {
        return finish(claimed, MoveTaskStatus.CANCELLED, null);
      }
      return advance(claimed, now);
    }).exceptionally(failure -> {
      LOG.log(Level.WARNING, "message move task " + seen.taskHandle() + " could not advance", failure);
      return null;
    });
  }

  private CompletionStage<Void> advance(MoveTask t, long now) {
    long remaining = t.toMove() - t.moved();
    if (remaining <= 0) {
      return finish(t, MoveTaskStatus.COMPLETED, null);
    }
    int budget = (int) Math.min(remaining, budget(t, now));
    if (budget <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    QueueId destination = t.destinationArn() == null ? null : QueueId.fromArn(t.destinationArn());
    return store.moveMessages(t.source(), destination, budget, now).handle((moved, failure) -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof QueueGoneException) {
        return finish(t, MoveTaskStatus.FAILED, QUEUE_GONE);
      }
      if (cause != null) {
        return CompletableFuture.<Void>failedFuture(cause);
      }
      if (moved > 0) {
        announce(t.source(), destination);
      }
      boolean complete = moved < budget || t.moved() + moved >= t.toMove();
      return update(t, MoveTaskChange.progress(moved, complete)).thenApply(x -> (Void) null);
    }).thenCompose(stage -> stage);
  }

  /** How many messages the task's rate allows now: unlimited tasks move a fixed batch per tick. */
  static long budget(MoveTask t, long now) {
    Integer rate = t.maxPerSecond();
    if (rate == null) {
      return UNLIMITED_BATCH;
    }
    long elapsed = Math.max(0, now - t.startedTimestamp());
    long allowed = elapsed * rate / 1000 - t.moved();
    return Math.max(0, Math.min(allowed, rate));
  }

  /**
   * Ends the task with {@code status} (CANCELLED if it is being cancelled) unless someone else ended
   * it first; the lease goes with it.
   */
  private CompletionStage<Void> finish(MoveTask t, MoveTaskStatus status, String reason) {
    return update(t, MoveTaskChange.finish(status, reason)).thenApply(x -> null);
  }

  /** The stored task after {@code change}, or null when the change declined or the task is gone. */
  private CompletionStage<MoveTask> update(MoveTask t, MoveTaskChange change) {
    return store.updateMoveTask(t.source(), t.taskHandle(), change)
        .thenApply(updated -> updated.filter(MoveTaskUpdate::applied).map(MoveTaskUpdate::task).orElse(null));
  }

  private void announce(QueueId source, QueueId destination) {
    if (destination != null) {
      arrivals.announce(destination);
      return;
    }
    DeadLetterSources.of(store, directory, source).thenAccept(sources -> sources.forEach(arrivals::announce));
  }

  private boolean heldByOther(MoveTask t, long now) {
    return t.leaseOwner() != null && !t.leaseOwner().equals(owner) && t.leaseUntil() > now;
  }
}

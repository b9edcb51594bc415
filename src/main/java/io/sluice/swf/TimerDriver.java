package io.sluice.swf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.TimerItems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires SWF timers on whichever node is alive: each {@link #tick} claims the timers due on the
 * shared scheduler under a lease and fires each in a history transaction (TimerFired, and a decision
 * task for the decider) if its run still has it; then the item is removed. A node that dies while
 * firing leaves the item to the next node once the lease runs out; firing twice is harmless, as the
 * first fire ends the timer in the run.
 */
public final class TimerDriver {
  private static final Logger LOG = Logger.getLogger(TimerDriver.class.getName());
  /** The most timers one tick fires. */
  private static final int BATCH = 100;
  /** How long a claimed timer is held before another node may fire it. */
  private static final long LEASE_MILLIS = 30_000;

  private final SwfServices swf;
  private final String owner;
  private final AtomicBoolean running = new AtomicBoolean();

  public TimerDriver(SwfServices swf, String owner) {
    this.swf = swf;
    this.owner = owner;
  }

  /** Fires the timers due now; completes with how many it claimed (0 while a tick is running). */
  public CompletionStage<Integer> tick() {
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(0);
    }
    long now = swf.clock().millis();
    return swf.timers().claim(now, BATCH, owner, now + LEASE_MILLIS).thenCompose(items -> {
      List<CompletableFuture<Void>> fired = new ArrayList<>();
      for (Scheduler.Item item : items) {
        fired.add(fire(item).toCompletableFuture());
      }
      return CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new)).thenApply(v -> items.size());
    }).whenComplete((n, failure) -> {
      running.set(false);
      if (failure != null) {
        LOG.log(Level.WARNING, "SWF timers could not be claimed; trying again", failure);
      }
    });
  }

  private CompletionStage<Void> fire(Scheduler.Item item) {
    TimerItems.Due due = TimerItems.due(item);
    return swf.histories().update(due.execution(), h -> {
      Execution ex = h.execution();
      Execution.Timer timer = ex.timers.get(due.timerId());
      if (!ex.status.open() || timer == null || timer.startedEventId != due.startedEventId()) {
        return null;
      }
      h.endTimer(due.timerId());
      ObjectNode a = History.attributes();
      a.put("timerId", due.timerId());
      a.put("startedEventId", due.startedEventId());
      h.append("TimerFired", a);
      h.decisionNeeded();
      return null;
    }).handle((v, failure) -> {
      if (failure == null || failure instanceof AwsException || failure.getCause() instanceof AwsException) {
        return swf.timers().complete(List.of(item.ref()));
      }
      // the lease runs out and a later tick, here or on another node, fires it
      LOG.log(Level.WARNING, "SWF timer " + due.timerId() + " could not fire yet", failure);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(done -> done);
  }
}

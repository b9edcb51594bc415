package io.sluice.swf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.Deadlines;
import io.sluice.swf.engine.Deadlines.Deadline;
import io.sluice.swf.engine.DecisionTaskState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.History;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires SWF's timers and timeouts on whichever node is alive: each {@link #tick} claims the
 * {@link Deadlines} due on the shared scheduler under a lease and applies each in a history
 * transaction, if its run still has the entity where the deadline was set for it: TimerFired;
 * DecisionTaskTimedOut and a new decision task; ActivityTaskTimedOut and a decision task;
 * WorkflowExecutionTimedOut. Then the item is removed. A node that dies meanwhile leaves the item to
 * the next node once the lease runs out; applying one twice does nothing the second time.
 */
public final class TimerDriver {
  private static final Logger LOG = Logger.getLogger(TimerDriver.class.getName());
  /** The most deadlines one tick applies. */
  private static final int BATCH = 100;
  /** How long a claimed deadline is held before another node may apply it. */
  private static final long LEASE_MILLIS = 30_000;

  private final SwfServices swf;
  private final String owner;
  private final AtomicBoolean running = new AtomicBoolean();

  public TimerDriver(SwfServices swf, String owner) {
    this.swf = swf;
    this.owner = owner;
  }

  /**
   * Applies the deadlines due now, batch after batch while a batch comes back full (so a burst of
   * deadlines due together waits for no further tick); completes with how many it claimed (0 while a
   * tick is running).
   */
  public CompletionStage<Integer> tick() {
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(0);
    }
    return drain(0).whenComplete((n, failure) -> {
      running.set(false);
      if (failure != null) {
        LOG.log(Level.WARNING, "SWF timers could not be claimed; trying again", failure);
      }
    });
  }

  private CompletionStage<Integer> drain(int claimedBefore) {
    long now = swf.clock().millis();
    return swf.timers().claim(now, BATCH, owner, now + LEASE_MILLIS).thenCompose(items -> {
      List<CompletableFuture<Void>> fired = new ArrayList<>();
      for (Scheduler.Item item : items) {
        fired.add(fire(item).toCompletableFuture());
      }
      int claimed = claimedBefore + items.size();
      return CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new))
          .thenCompose(v -> items.size() == BATCH ? drain(claimed) : CompletableFuture.completedFuture(claimed));
    });
  }

  private CompletionStage<Void> fire(Scheduler.Item item) {
    Deadlines.Due due = Deadlines.due(item);
    Deadline d = due.deadline();
    return swf.histories().update(due.execution(), h -> {
      if (h.execution().status.open()) {
        switch (d.kind()) {
          case TIMER -> timerFired(h, d);
          case DECISION -> decisionTimedOut(h, d);
          case ACTIVITY -> activityTimedOut(h, d);
          case EXECUTION -> executionTimedOut(h, d);
        }
      }
      return null;
    }).handle((v, failure) -> {
      if (failure == null || failure instanceof AwsException || failure.getCause() instanceof AwsException) {
        return swf.timers().complete(List.of(item.ref()));
      }
      // the lease runs out and a later tick, here or on another node, applies it
      LOG.log(Level.WARNING, "SWF deadline " + d.id() + " could not be applied yet", failure);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(done -> done);
  }

  private static void timerFired(History h, Deadline d) {
    Execution.Timer timer = h.execution().timers.get(d.name());
    if (timer == null || timer.startedEventId != d.eventId()) {
      return;
    }
    h.endTimer(d.name());
    ObjectNode a = History.attributes();
    a.put("timerId", d.name());
    a.put("startedEventId", d.eventId());
    h.append("TimerFired", a);
    h.decisionNeeded();
  }

  /** The decider did not answer in time: the task times out and a new one is scheduled. */
  private static void decisionTimedOut(History h, Deadline d) {
    Execution.Decision task = h.execution().decision;
    if (task.state != DecisionTaskState.STARTED || task.scheduledEventId != d.eventId()) {
      return;
    }
    ObjectNode a = History.attributes();
    a.put("timeoutType", d.timeoutType());
    a.put("scheduledEventId", task.scheduledEventId);
    a.put("startedEventId", task.startedEventId);
    h.append("DecisionTaskTimedOut", a);
    task.state = DecisionTaskState.TABLE.move(task.state, DecisionTaskState.NONE);
    h.scheduleDecisionTask();
  }

  private static void activityTimedOut(History h, Deadline d) {
    Execution.Activity activity = h.execution().activities.get(d.name());
    if (activity == null || activity.scheduledEventId != d.eventId()
        || d.timeoutType().equals("SCHEDULE_TO_START") && activity.state != ActivityTaskState.SCHEDULED
        || d.timeoutType().equals("START_TO_CLOSE") && activity.state != ActivityTaskState.STARTED) {
      return;
    }
    activity.state = ActivityTaskState.TABLE.move(activity.state, ActivityTaskState.TIMED_OUT);
    ObjectNode a = History.attributes();
    a.put("timeoutType", d.timeoutType());
    a.put("scheduledEventId", activity.scheduledEventId);
    a.put("startedEventId", activity.startedEventId);
    ActivityResults.closed(h, activity, ActivityTaskState.TIMED_OUT, a);
  }

  private static void executionTimedOut(History h, Deadline d) {
    ObjectNode a = History.attributes();
    a.put("timeoutType", d.timeoutType());
    a.put("childPolicy", h.execution().childPolicy);
    h.close(ExecutionStatus.TIMED_OUT);
    h.append("WorkflowExecutionTimedOut", a);
  }
}

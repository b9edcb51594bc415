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
import io.sluice.swf.engine.LambdaFunctionState;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.ExecutionKey;
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
 * DecisionTaskTimedOut and a new decision task; ActivityTaskTimedOut or LambdaFunctionTimedOut and a
 * decision task; WorkflowExecutionTimedOut; the effects of a transaction whose node died before it
 * carried them out; a closed run's deletion at the end of its domain's retention. Then the item is
 * removed, except an activity task's heartbeat timeout that a heartbeat renewed: set again for the
 * last heartbeat plus the timeout (one item per task however many heartbeats come). A node that dies meanwhile leaves the item to
 * the next node once the lease runs out; applying one twice does nothing the second time.
 */
public final class TimerDriver {
  private static final Logger LOG = Logger.getLogger(TimerDriver.class.getName());
  /** The most deadlines one tick applies. */
  private static final int BATCH = 100;
  /** How long a claimed deadline is held before another node may apply it. */
  private static final long LEASE_MILLIS = 30_000;
  /** What applying a run's deadline answers when it is done with (else: when it is due again). */
  private static final long NOT_AGAIN = -1;

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
    Deadlines.Due due;
    try {
      due = Deadlines.due(item);
    } catch (IllegalStateException unreadable) {
      LOG.log(Level.SEVERE, "SWF deadline " + item.ref() + " is unreadable and dropped", unreadable);
      return swf.timers().complete(List.of(item.ref()));
    }
    Deadline d = due.deadline();
    CompletionStage<Boolean> applied = switch (d.kind()) {
      case EFFECTS -> swf.histories().carryOut(due.effects()).thenApply(v -> true);
      case RETENTION -> retentionEnded(due.execution(), item);
      default -> transaction(due).thenCompose(again -> again == NOT_AGAIN ? CompletableFuture.completedFuture(true)
          : heartbeatLater(due, again));
    };
    return applied.handle((done, failure) -> {
      if (failure == null) {
        return done ? swf.timers().complete(List.of(item.ref())) : CompletableFuture.<Void>completedFuture(null);
      }
      if (failure instanceof AwsException || failure.getCause() instanceof AwsException) {
        return swf.timers().complete(List.of(item.ref()));
      }
      // the lease runs out and a later tick, here or on another node, applies it
      LOG.log(Level.WARNING, "SWF deadline " + d.id() + " could not be applied yet", failure);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(done -> done);
  }

  /**
   * A closed run's retention: deleted if its domain's retention period is over (true), else its
   * deadline set again for when it is (false: the item stays).
   */
  private CompletionStage<Boolean> retentionEnded(ExecutionKey key, Scheduler.Item item) {
    return swf.histories().read(key).thenCompose(found -> {
      if (found.isEmpty() || found.get().status.open() || found.get().closed == null) {
        return CompletableFuture.completedFuture(true);
      }
      Execution ex = found.get();
      CompletionStage<String> days = ex.retentionDays != null ? CompletableFuture.completedFuture(ex.retentionDays)
          : swf.domains().domain(key.domain()).thenApply(d -> d.map(DomainRecord::retentionDays).orElse("NONE"));
      return days.thenCompose(retention -> {
        long end = Deadlines.retentionEnd(ex.closed, retention);
        if (end > swf.clock().millis()) {
          Deadline later = new Deadline(Deadlines.Kind.RETENTION, null, 0, null, end);
          return swf.timers().add(List.of(Deadlines.item(key, later)), swf.clock().millis()).thenApply(v -> false);
        }
        return swf.histories().delete(key).thenApply(deleted -> true);
      });
    });
  }

  /** Applies a run's deadline; NOT_AGAIN, or when it falls due again (a renewed heartbeat timeout). */
  private CompletionStage<Long> transaction(Deadlines.Due due) {
    Deadline d = due.deadline();
    return swf.histories().update(due.execution(), h -> {
      if (h.execution().status.open()) {
        switch (d.kind()) {
          case TIMER -> timerFired(h, d);
          case DECISION -> decisionTimedOut(h, d);
          case ACTIVITY -> {
            return activityTimedOut(h, d);
          }
          case LAMBDA -> lambdaTimedOut(h, d);
          case EXECUTION -> executionTimedOut(h, d);
          default -> throw new IllegalStateException("not a run's deadline: " + d.kind());
        }
      }
      return NOT_AGAIN;
    });
  }

  /**
   * A heartbeat came since the heartbeat timeout was set: the same item, set again for the last
   * heartbeat plus the timeout (false: it stays), rather than an item per heartbeat.
   */
  private CompletionStage<Boolean> heartbeatLater(Deadlines.Due due, long dueAt) {
    Deadline d = due.deadline();
    Deadline later = new Deadline(d.kind(), d.name(), d.eventId(), d.timeoutType(), dueAt);
    return swf.timers().add(List.of(Deadlines.item(due.execution(), later)), swf.clock().millis())
        .thenApply(v -> false);
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

  /**
   * The decider did not answer in time, or no decider started the task on a temporary task list
   * override in time: the task times out and a new one is scheduled, on the task list a temporary
   * override replaced if there is one (API reference, RespondDecisionTaskCompleted).
   */
  private static void decisionTimedOut(History h, Deadline d) {
    Execution ex = h.execution();
    Execution.Decision task = ex.decision;
    boolean scheduleToStart = d.timeoutType().equals("SCHEDULE_TO_START");
    if (task.state != (scheduleToStart ? DecisionTaskState.SCHEDULED : DecisionTaskState.STARTED)
        || task.scheduledEventId != d.eventId()) {
      return;
    }
    if (ex.overriddenTaskList != null) {
      // started on the override but not completed in time reverts it too (RespondDecisionTaskCompleted)
      ex.taskList = ex.overriddenTaskList;
      ex.overriddenTaskList = null;
      ex.overrideScheduleToStartTimeout = null;
    }
    ObjectNode a = History.attributes();
    a.put("timeoutType", d.timeoutType());
    a.put("scheduledEventId", task.scheduledEventId);
    a.put("startedEventId", task.startedEventId);
    h.append("DecisionTaskTimedOut", a);
    task.state = DecisionTaskState.TABLE.move(task.state, DecisionTaskState.NONE);
    h.endTimeouts(Deadlines.Kind.DECISION, null, task.scheduledEventId);
    h.scheduleDecisionTask();
  }

  /**
   * The activity task times out unless it moved on; a heartbeat timeout that finds a heartbeat
   * within it is not due yet: when it is due again (the last heartbeat plus the timeout).
   */
  private static long activityTimedOut(History h, Deadline d) {
    Execution.Activity activity = h.execution().activities.get(d.name());
    String type = d.timeoutType();
    if (activity == null || activity.scheduledEventId != d.eventId()
        || type.equals("SCHEDULE_TO_START") && activity.state != ActivityTaskState.SCHEDULED
        || (type.equals("START_TO_CLOSE") || type.equals("HEARTBEAT")) && activity.state != ActivityTaskState.STARTED) {
      return NOT_AGAIN;
    }
    if (type.equals("HEARTBEAT")) {
      long dueAt = Deadlines.after(activity.lastHeartbeat, activity.heartbeatTimeout);
      if (dueAt > h.now()) {
        return dueAt;
      }
    }
    activity.state = ActivityTaskState.TABLE.move(activity.state, ActivityTaskState.TIMED_OUT);
    ObjectNode a = History.attributes();
    a.put("timeoutType", type);
    a.put("scheduledEventId", activity.scheduledEventId);
    a.put("startedEventId", activity.startedEventId);
    // ActivityTaskTimedOutEventAttributes.details: "the details parameter for the last call made by
    // the activity to RecordActivityTaskHeartbeat"
    History.putIfSet(a, "details", activity.heartbeatDetails);
    ActivityResults.closed(h, activity, ActivityTaskState.TIMED_OUT, a);
    return NOT_AGAIN;
  }


  /** The function did not answer within its start-to-close timeout: a later answer is dropped. */
  private static void lambdaTimedOut(History h, Deadline d) {
    Execution.Lambda lambda = h.execution().lambdas.get(d.name());
    if (lambda == null || lambda.scheduledEventId != d.eventId() || lambda.state != LambdaFunctionState.STARTED) {
      return;
    }
    ObjectNode a = LambdaResults.attributes(lambda);
    a.put("timeoutType", d.timeoutType());
    LambdaResults.closed(h, lambda, LambdaFunctionState.TIMED_OUT, a);
  }

  private static void executionTimedOut(History h, Deadline d) {
    ObjectNode a = History.attributes();
    a.put("timeoutType", d.timeoutType());
    a.put("childPolicy", h.execution().childPolicy);
    h.closeRun(ExecutionStatus.TIMED_OUT, "WorkflowExecutionTimedOut", a, h.execution().childPolicy);
  }
}

package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Checks a run's history against the SWF API reference (HistoryEvent and the
 * {@code …EventAttributes} shapes): it begins with WorkflowExecutionStarted; eventIds run 1, 2, 3, …
 * and times never go back; every eventId an attribute names ({@code scheduledEventId},
 * {@code startedEventId}, {@code decisionTaskCompletedEventId}, {@code latestCancelRequestedEventId})
 * is an earlier event of the type it must be, of the same task or timer; a task is started and
 * closed at most once; at most one decision task of the run is open at a time (developer guide,
 * "Tasks in Amazon SWF" and "Developing deciders"); a close event is the last event.
 */
final class HistoryLinks {
  private static final Set<EventType> CLOSES = Set.of(WORKFLOW_EXECUTION_COMPLETED, WORKFLOW_EXECUTION_FAILED,
      WORKFLOW_EXECUTION_CANCELED, WORKFLOW_EXECUTION_CONTINUED_AS_NEW, WORKFLOW_EXECUTION_TIMED_OUT,
      WORKFLOW_EXECUTION_TERMINATED);

  private final Map<Long, HistoryEvent> earlier = new HashMap<>();
  private final Set<Long> started = new HashSet<>();
  private final Set<Long> closed = new HashSet<>();
  private long openDecision;

  private HistoryLinks() {}

  /** Fails unless {@code events} (a whole history, oldest first) holds together as AWS's does. */
  static void check(List<HistoryEvent> events) {
    assertEquals(WORKFLOW_EXECUTION_STARTED, events.getFirst().eventType(), "a history begins with the start");
    HistoryLinks links = new HistoryLinks();
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      assertEquals(i + 1, e.eventId(), () -> "eventIds run 1, 2, 3, … in " + events);
      if (i > 0) {
        assertFalse(e.eventTimestamp().isBefore(events.get(i - 1).eventTimestamp()), () -> "time went back at " + e);
      }
      assertTrue(!CLOSES.contains(e.eventType()) || i == events.size() - 1, () -> "events after the close " + e);
      links.check(e);
      links.earlier.put(e.eventId(), e);
    }
  }

  private void check(HistoryEvent e) {
    switch (e.eventType()) {
      case DECISION_TASK_SCHEDULED -> {
        assertEquals(0, openDecision, () -> "a second decision task scheduled while one is open: " + e);
        openDecision = e.eventId();
      }
      case DECISION_TASK_STARTED -> {
        long scheduled = e.decisionTaskStartedEventAttributes().scheduledEventId();
        refersTo(e, scheduled, DECISION_TASK_SCHEDULED);
        assertTrue(started.add(scheduled), () -> "started twice: " + e);
      }
      case DECISION_TASK_COMPLETED -> decisionClosed(e, e.decisionTaskCompletedEventAttributes().scheduledEventId(),
          e.decisionTaskCompletedEventAttributes().startedEventId());
      case DECISION_TASK_TIMED_OUT -> decisionClosed(e, e.decisionTaskTimedOutEventAttributes().scheduledEventId(),
          e.decisionTaskTimedOutEventAttributes().startedEventId());
      case ACTIVITY_TASK_SCHEDULED -> decided(e, e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId());
      case ACTIVITY_TASK_STARTED -> {
        long scheduled = e.activityTaskStartedEventAttributes().scheduledEventId();
        refersTo(e, scheduled, ACTIVITY_TASK_SCHEDULED);
        assertFalse(closed.contains(scheduled), () -> "started after it closed: " + e);
        assertTrue(started.add(scheduled), () -> "started twice: " + e);
      }
      case ACTIVITY_TASK_COMPLETED -> activityClosed(e, e.activityTaskCompletedEventAttributes().scheduledEventId(),
          e.activityTaskCompletedEventAttributes().startedEventId(), false);
      case ACTIVITY_TASK_FAILED -> activityClosed(e, e.activityTaskFailedEventAttributes().scheduledEventId(),
          e.activityTaskFailedEventAttributes().startedEventId(), false);
      case ACTIVITY_TASK_TIMED_OUT -> activityClosed(e, e.activityTaskTimedOutEventAttributes().scheduledEventId(),
          e.activityTaskTimedOutEventAttributes().startedEventId(), true);
      case ACTIVITY_TASK_CANCELED -> {
        var a = e.activityTaskCanceledEventAttributes();
        activityClosed(e, a.scheduledEventId(), a.startedEventId(), true);
        if (a.latestCancelRequestedEventId() != null) {
          refersTo(e, a.latestCancelRequestedEventId(), ACTIVITY_TASK_CANCEL_REQUESTED);
          assertEquals(earlier.get(a.scheduledEventId()).activityTaskScheduledEventAttributes().activityId(),
              earlier.get(a.latestCancelRequestedEventId()).activityTaskCancelRequestedEventAttributes().activityId(),
              () -> "the cancel request of another activity: " + e);
        }
      }
      case ACTIVITY_TASK_CANCEL_REQUESTED ->
          decided(e, e.activityTaskCancelRequestedEventAttributes().decisionTaskCompletedEventId());
      case TIMER_STARTED -> decided(e, e.timerStartedEventAttributes().decisionTaskCompletedEventId());
      case TIMER_FIRED -> timer(e, e.timerFiredEventAttributes().startedEventId(),
          e.timerFiredEventAttributes().timerId());
      case TIMER_CANCELED -> {
        timer(e, e.timerCanceledEventAttributes().startedEventId(), e.timerCanceledEventAttributes().timerId());
        decided(e, e.timerCanceledEventAttributes().decisionTaskCompletedEventId());
      }
      case MARKER_RECORDED -> decided(e, e.markerRecordedEventAttributes().decisionTaskCompletedEventId());
      case WORKFLOW_EXECUTION_COMPLETED ->
          decided(e, e.workflowExecutionCompletedEventAttributes().decisionTaskCompletedEventId());
      case WORKFLOW_EXECUTION_FAILED ->
          decided(e, e.workflowExecutionFailedEventAttributes().decisionTaskCompletedEventId());
      case WORKFLOW_EXECUTION_CANCELED ->
          decided(e, e.workflowExecutionCanceledEventAttributes().decisionTaskCompletedEventId());
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          decided(e, e.workflowExecutionContinuedAsNewEventAttributes().decisionTaskCompletedEventId());
      case SCHEDULE_ACTIVITY_TASK_FAILED ->
          decided(e, e.scheduleActivityTaskFailedEventAttributes().decisionTaskCompletedEventId());
      case REQUEST_CANCEL_ACTIVITY_TASK_FAILED ->
          decided(e, e.requestCancelActivityTaskFailedEventAttributes().decisionTaskCompletedEventId());
      case START_TIMER_FAILED -> decided(e, e.startTimerFailedEventAttributes().decisionTaskCompletedEventId());
      case CANCEL_TIMER_FAILED -> decided(e, e.cancelTimerFailedEventAttributes().decisionTaskCompletedEventId());
      case COMPLETE_WORKFLOW_EXECUTION_FAILED ->
          decided(e, e.completeWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId());
      case CANCEL_WORKFLOW_EXECUTION_FAILED ->
          decided(e, e.cancelWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId());
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED ->
          decided(e, e.continueAsNewWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId());
      default -> { }
    }
  }

  /** A decision task's close names the task's scheduled and started events, of the same task. */
  private void decisionClosed(HistoryEvent e, long scheduled, long startedId) {
    refersTo(e, scheduled, DECISION_TASK_SCHEDULED);
    refersTo(e, startedId, DECISION_TASK_STARTED);
    assertEquals(scheduled, earlier.get(startedId).decisionTaskStartedEventAttributes().scheduledEventId(),
        () -> "the started event of another decision task: " + e);
    assertEquals(openDecision, scheduled, () -> "closes a decision task that is not the open one: " + e);
    assertTrue(closed.add(scheduled), () -> "closed twice: " + e);
    openDecision = 0;
  }

  /**
   * An activity task's close names its scheduled event and its started event, or 0 where it may
   * close unstarted (timed out before a worker took it, canceled before it started).
   */
  private void activityClosed(HistoryEvent e, long scheduled, long startedId, boolean mayBeUnstarted) {
    refersTo(e, scheduled, ACTIVITY_TASK_SCHEDULED);
    if (startedId == 0 && mayBeUnstarted) {
      assertFalse(started.contains(scheduled), () -> "a started task closed without its started event: " + e);
    } else {
      refersTo(e, startedId, ACTIVITY_TASK_STARTED);
      assertEquals(scheduled, earlier.get(startedId).activityTaskStartedEventAttributes().scheduledEventId(),
          () -> "the started event of another activity task: " + e);
    }
    assertTrue(closed.add(scheduled), () -> "closed twice: " + e);
  }

  private void timer(HistoryEvent e, long startedId, String timerId) {
    refersTo(e, startedId, TIMER_STARTED);
    assertEquals(timerId, earlier.get(startedId).timerStartedEventAttributes().timerId(),
        () -> "the TimerStarted of another timer: " + e);
    assertTrue(closed.add(startedId), () -> "a timer ended twice: " + e);
  }

  private void decided(HistoryEvent e, Long decisionTaskCompletedEventId) {
    assertNotNull(decisionTaskCompletedEventId, () -> "no decisionTaskCompletedEventId: " + e);
    refersTo(e, decisionTaskCompletedEventId, DECISION_TASK_COMPLETED);
  }

  private void refersTo(HistoryEvent e, Long eventId, EventType type) {
    assertNotNull(eventId, () -> "an eventId missing in " + e);
    HistoryEvent target = earlier.get(eventId);
    assertNotNull(target, () -> e + " names event " + eventId + ", which is not before it");
    assertEquals(type, target.eventType(), () -> e + " names event " + eventId + " as a " + type);
  }
}

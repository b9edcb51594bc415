package io.sluice.swf.model;

/**
 * A task as queued in its task list: the run it belongs to, the eventId of its {@code …TaskScheduled}
 * event, and its priority (AWS's {@code taskPriority}: higher first, 0 when none was given). Only the
 * run's state says whether it is still to be handed out.
 */
public record TaskRef(String workflowId, String runId, long scheduledEventId, int priority) {

  public TaskRef(String workflowId, String runId, long scheduledEventId) {
    this(workflowId, runId, scheduledEventId, 0);
  }

  /** AWS's {@code taskPriority} string as a number: 0 when absent. */
  public static int priority(String taskPriority) {
    return taskPriority == null ? 0 : Integer.parseInt(taskPriority.strip());
  }
}

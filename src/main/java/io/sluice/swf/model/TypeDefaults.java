package io.sluice.swf.model;

/**
 * The defaults a type was registered with, as given (null when not given); timeouts are AWS's
 * duration strings: seconds as an integer, or {@code NONE}. Workflow types use the task and
 * execution start-to-close timeouts, task list, priority, child policy and Lambda role; activity
 * types the task start-to-close, heartbeat, schedule-to-start and schedule-to-close timeouts, task
 * list and priority.
 */
public record TypeDefaults(String taskStartToCloseTimeout, String executionStartToCloseTimeout, TaskList taskList,
                           String taskPriority, String childPolicy, String lambdaRole, String taskHeartbeatTimeout,
                           String taskScheduleToStartTimeout, String taskScheduleToCloseTimeout) {

  /** A workflow type's defaults. */
  public static TypeDefaults workflow(String taskStartToClose, String executionStartToClose, TaskList taskList,
                                      String taskPriority, String childPolicy, String lambdaRole) {
    return new TypeDefaults(taskStartToClose, executionStartToClose, taskList, taskPriority, childPolicy, lambdaRole,
        null, null, null);
  }

  /** An activity type's defaults. */
  public static TypeDefaults activity(String taskStartToClose, String heartbeat, TaskList taskList,
                                      String taskPriority, String scheduleToStart, String scheduleToClose) {
    return new TypeDefaults(taskStartToClose, null, taskList, taskPriority, null, null, heartbeat, scheduleToStart,
        scheduleToClose);
  }
}

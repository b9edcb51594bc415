package io.sluice.sqs.model;

import java.util.Arrays;
import java.util.List;

/**
 * The status of a message move task, named as ListMessageMoveTasks reports it. A task starts
 * RUNNING; CancelMessageMoveTask makes it CANCELLING until its driver stops it (CANCELLED); it ends
 * COMPLETED, or FAILED with a reason.
 */
public enum MoveTaskStatus {
  RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED;

  /** Whether a driver still works on the task; a source queue has at most one such task. */
  public boolean isActive() {
    return this == RUNNING || this == CANCELLING;
  }

  /** The names of the active statuses (what the Redis scripts compare with). */
  public static List<String> activeNames() {
    return Arrays.stream(values()).filter(MoveTaskStatus::isActive).map(Enum::name).toList();
  }
}

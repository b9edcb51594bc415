package io.sluice.swf.store;

import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * SWF's task lists: per domain and name, queues of {@link TaskRef}s handed out highest
 * {@linkplain TaskRef#priority priority} first and, within a priority, in the order queued (SWF
 * developer guide, "Setting task priority"). {@link #take} hands each task to exactly one caller on
 * any node. A queued task may be stale (its run moved on); the poller drops it.
 */
public interface TaskListStore {

  /** Appends {@code tasks} to {@code list}, each behind those of its priority. */
  CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks);

  /** Takes the first task of {@code list}, if any: no other caller gets it. */
  CompletionStage<Optional<TaskRef>> take(TaskListId list);

  /**
   * Puts a task taken from {@code list} back ahead of the others of its priority (its start failed).
   * Harmless if it was started after all: a task is started only while its run says it is scheduled.
   */
  CompletionStage<Void> putBack(TaskListId list, TaskRef task);

  /** How many tasks {@code list} holds (a stale one, dropped when polled, counts too). */
  CompletionStage<Long> pending(TaskListId list);
}

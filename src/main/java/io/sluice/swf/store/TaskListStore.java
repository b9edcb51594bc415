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
 * any node and keeps it aside until the caller {@linkplain #ack acknowledges} it (its run recorded the
 * start, or found it stale) or {@linkplain #release releases} it; a task kept aside longer than
 * {@link #TAKEN_MILLIS} (its taker died) goes back to the list at the next take. A queued task may be
 * stale (its run moved on, or it was handed out twice that way); the poller drops it.
 */
public interface TaskListStore {

  /** How long a taken task stays aside before a take puts it back in its list. */
  long TAKEN_MILLIS = 30_000;

  /** A task taken, and the receipt that acknowledges or releases it. */
  record Taken(TaskRef task, String receipt) {}

  /** Appends {@code tasks} to {@code list}, each behind those of its priority. */
  CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks);

  /**
   * Takes the first task of {@code list}, if any (no other caller gets it), after putting back the
   * tasks taken before {@code now - TAKEN_MILLIS} and never acknowledged.
   */
  CompletionStage<Optional<Taken>> take(TaskListId list, long now);

  /** Forgets a taken task: it was started, or dropped as stale. */
  CompletionStage<Void> ack(TaskListId list, String receipt);

  /**
   * Puts a taken task back in its place (its start failed). Harmless if it was started after all: a
   * task is started only while its run says it is scheduled.
   */
  CompletionStage<Void> release(TaskListId list, String receipt);

  /** How many tasks {@code list} holds, not counting those taken (a stale one counts until polled). */
  CompletionStage<Long> pending(TaskListId list);
}

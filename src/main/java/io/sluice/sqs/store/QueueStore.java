package io.sluice.sqs.store;

import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.storage.RecordChange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Durable state of SQS: queues and their messages. Every method is one atomic step on one queue
 * (a Lua script on Redis, the queue's lock in memory); time is passed in as {@code now} (epoch
 * millis) so tests control it. Message payloads are opaque bytes (already encrypted by the caller).
 * Messages older than the queue's stored {@code MessageRetentionPeriod} are dropped by every
 * message operation before it does anything else. The windows and defaults of these rules are the
 * constants of {@link QueueRules}.
 *
 * <p>Message lifecycle: a sent message is <em>delayed</em> until its delay passes, then
 * <em>visible</em>; a receive makes it <em>in flight</em> until its visibility timeout passes (then
 * visible again) or it is deleted. Each receive issues a new receipt token; only the newest token
 * deletes or changes visibility. Messages older than the retention period vanish. On FIFO queues
 * messages of one group are received in send order and a group with a message in flight yields
 * nothing else until that message is deleted or visible again.
 *
 * <p>Implementations must pass {@code QueueStoreContract} in the test sources.
 */
public interface QueueStore {

  // ---- queues ---------------------------------------------------------------------------------

  /** Result of {@link #createQueue}. */
  enum CreateStatus { CREATED, EXISTS, DELETED_RECENTLY }

  /** {@code queue} is the stored record: the new one, or the existing one when {@code EXISTS}. */
  record CreateOutcome(CreateStatus status, QueueRecord queue) {}

  /**
   * Creates the queue unless one of that id exists ({@code EXISTS}, returning it unchanged) or one
   * was deleted less than {@link QueueRules#DELETED_RECENTLY_MILLIS} before {@code now}
   * ({@code DELETED_RECENTLY}).
   */
  CompletionStage<CreateOutcome> createQueue(QueueRecord queue, long now);

  CompletionStage<Optional<QueueRecord>> findQueue(QueueId id);

  /** Ids of the queues of one account and region whose name starts with {@code prefix}, sorted by name. */
  CompletionStage<List<QueueId>> listQueues(String region, String account, String prefix);

  /** Every queue of every account and region (for metrics and background tasks). */
  CompletionStage<List<QueueId>> allQueues();

  /**
   * Applies {@code change} to the queue's attributes and tags in one atomic step (no read-back, no
   * retry: changes of different entries never conflict, the last change of an entry wins) and
   * returns the outcome with the stored record; empty if the queue does not exist. An applied change
   * raises the version by one, and sets the modification time to {@code now} when it edits
   * attributes; a refused one (a limit of the change) stores nothing.
   */
  CompletionStage<Optional<RecordChange.Outcome<QueueRecord>>> updateQueue(QueueId id, RecordChange change, long now);

  /**
   * Deletes the queue and all its messages; for {@link QueueRules#DELETED_RECENTLY_MILLIS} afterwards
   * {@link #createQueue} of the same id answers {@code DELETED_RECENTLY}. Returns false if it did not
   * exist.
   */
  CompletionStage<Boolean> deleteQueue(QueueId id, long now);

  // ---- messages -------------------------------------------------------------------------------

  /**
   * A message to store. {@code groupId} is required on FIFO queues and optional on standard ones;
   * {@code deduplicationId} is required on FIFO queues (the caller derives it from the body when
   * content-based deduplication is on) and ignored on standard ones.
   */
  record NewMessage(String messageId, byte[] payload, String groupId, String deduplicationId,
                    long delayMillis) {}

  /** How to store a send: FIFO rules, and whether deduplication is per group (else per queue). */
  record SendOptions(boolean fifo, boolean deduplicateWithinGroup) {}

  /**
   * Per message sent: its id (the original message's id when the send was a duplicate within the
   * deduplication interval, {@link QueueRules#DEDUPLICATION_WINDOW_MILLIS}), its FIFO sequence number
   * (null on standard queues) and whether it was a duplicate (then nothing was stored).
   */
  record SendOutcome(String messageId, String sequenceNumber, boolean duplicate) {}

  /** Stores messages in order; fails with QueueDoesNotExist (as {@link QueueGoneException}) if the queue is gone. */
  CompletionStage<List<SendOutcome>> send(QueueId id, List<NewMessage> messages, SendOptions options, long now);

  /** Where messages go after {@code maxReceiveCount} receives. */
  record RedriveTarget(QueueId deadLetterQueue, int maxReceiveCount, boolean fifo) {}

  /**
   * @param maxMessages        1..10
   * @param visibilityMillis   how long received messages stay in flight
   * @param maxInflight        the in-flight quota; a receive that would exceed it fails as OverLimit
   * @param redrive            dead-letter policy, or null
   * @param receiveAttemptId   FIFO only: a retry with the same id within
   *                           {@link QueueRules#RECEIVE_ATTEMPT_WINDOW_MILLIS} answers the same
   *                           messages and receipt handles, if none was deleted or changed since
   */
  record ReceiveOptions(int maxMessages, long visibilityMillis, int maxInflight,
                        RedriveTarget redrive, String receiveAttemptId) {}

  /** A received message: store metadata plus the opaque payload. {@code receiptToken} is new per receive. */
  record ReceivedMessage(String messageId, String receiptToken, byte[] payload, long sentTimestamp,
                         int receiveCount, long firstReceiveTimestamp, String groupId,
                         String deduplicationId, String sequenceNumber, String deadLetterSourceArn) {}

  /**
   * @param messages      what was received (possibly none)
   * @param nextChangeAt  earliest time a delayed or in-flight message becomes visible, or
   *                      {@code Long.MAX_VALUE}; a long poll may re-check then
   * @param overLimit     true when nothing was received because the in-flight quota is reached
   */
  record ReceiveOutcome(List<ReceivedMessage> messages, long nextChangeAt, boolean overLimit) {}

  /**
   * Receives up to {@code maxMessages} visible messages, making them in flight. Messages whose
   * receive count already reached {@code redrive.maxReceiveCount} are moved to the dead-letter queue
   * instead (keeping id, payload, group and deduplication ids; standard queues keep the original
   * sent timestamp, FIFO dead-letter queues take {@code now}; the dead-letter message records the
   * source queue's ARN and its receive count starts at 0). If the dead-letter queue no longer exists,
   * such a message stays in this queue, visible, its receive count restarting at 0.
   */
  CompletionStage<ReceiveOutcome> receive(QueueId id, ReceiveOptions options, long now);

  /** A receipt handle's message id and token. */
  record HandleRef(String messageId, String receiptToken) {}

  /**
   * Deletes each message whose newest token matches. A stale token or an already deleted message
   * deletes nothing and is not an error (AWS: "the request succeeds, but the message might not be
   * deleted"). Returns, per handle, whether a message was deleted.
   */
  CompletionStage<List<Boolean>> delete(QueueId id, List<HandleRef> handles, long now);

  /**
   * How a visibility change ended. {@code CHANGED_EARLIER}: changed, and the message becomes visible
   * earlier than it would have (at once for 0), so held long polls must look again.
   */
  enum VisibilityStatus { CHANGED, NOT_IN_FLIGHT, INVALID_HANDLE, EXCEEDS_MAXIMUM, CHANGED_EARLIER }

  /** {@code visibilityMillis} counts from {@code now}; 0 makes the message visible at once. */
  record VisibilityChange(String messageId, String receiptToken, long visibilityMillis) {}

  /**
   * Changes the visibility of in-flight messages whose newest token matches. {@code INVALID_HANDLE}:
   * the message is gone or the token was superseded; {@code NOT_IN_FLIGHT}: the token is current but
   * the message is visible; {@code EXCEEDS_MAXIMUM}: the new deadline would end more than
   * {@code maxTotalMillis} after the message's latest receive.
   */
  CompletionStage<List<VisibilityStatus>> changeVisibility(QueueId id, List<VisibilityChange> changes,
                                                           long maxTotalMillis, long now);

  /**
   * Deletes every message; false (nothing done) if the queue was purged less than
   * {@link QueueRules#PURGE_INTERVAL_MILLIS} ago.
   */
  CompletionStage<Boolean> purge(QueueId id, long now);

  /** Approximate counts, and the sent time of the oldest message ({@code Long.MAX_VALUE} if none). */
  record QueueCounts(long visible, long inFlight, long delayed, long oldestSentTimestamp) {}

  CompletionStage<QueueCounts> counts(QueueId id, long now);

  // ---- dead-letter redrive (message move tasks) -------------------------------------------------

  /**
   * Moves up to {@code max} visible messages from {@code from} to {@code to}, or, when {@code to} is
   * null, each to the queue named by its dead-letter source ARN (messages without one stay). Moved
   * messages keep id, payload, group and deduplication ids; their receive count restarts at 0 and
   * their sent timestamp is {@code now}. Returns how many moved.
   */
  CompletionStage<Integer> moveMessages(QueueId from, QueueId to, int max, long now);

  /** A message move task as ListMessageMoveTasks reports it, plus the lease of the node driving it. */
  record MoveTask(String taskHandle, QueueId source, String destinationArn, Integer maxPerSecond,
                  MoveTaskStatus status, long moved, long toMove, long startedTimestamp, String failureReason,
                  String leaseOwner, long leaseUntil) {}

  /**
   * A change of a move task as data, applied by the store in one step. {@code statuses} maps the
   * task's status to its next one; a task in a status not listed is left alone (the change is
   * declined). With a {@code leaseOwner} the change also takes the task's lease until
   * {@code leaseUntil}, and is declined while another owner's lease lasts beyond {@code now}.
   * {@code moved} is added to the task's count. A task entering FAILED takes {@code failureReason}
   * (a FAILED task keeps its own), a task in any other status has none, and a task that is no longer
   * active holds no lease. The factories below are the transitions SQS uses.
   */
  record MoveTaskChange(Map<MoveTaskStatus, MoveTaskStatus> statuses, String leaseOwner, long leaseUntil, long now,
                        long moved, String failureReason) {

    public MoveTaskChange {
      statuses = Map.copyOf(statuses);
    }

    /** Takes or renews the lease of an active task for {@code owner} until {@code until}. */
    public static MoveTaskChange claim(String owner, long now, long until) {
      return new MoveTaskChange(Map.of(MoveTaskStatus.RUNNING, MoveTaskStatus.RUNNING,
          MoveTaskStatus.CANCELLING, MoveTaskStatus.CANCELLING), owner, until, now, 0, null);
    }

    /** Counts {@code moved} more messages; a RUNNING task that is {@code complete} becomes COMPLETED. */
    public static MoveTaskChange progress(long moved, boolean complete) {
      Map<MoveTaskStatus, MoveTaskStatus> statuses = new EnumMap<>(MoveTaskStatus.class);
      for (MoveTaskStatus s : MoveTaskStatus.values()) {
        statuses.put(s, s);
      }
      if (complete) {
        statuses.put(MoveTaskStatus.RUNNING, MoveTaskStatus.COMPLETED);
      }
      return new MoveTaskChange(statuses, null, 0, 0, moved, null);
    }

    /** Ends an active task with {@code status}, or CANCELLED if it was being cancelled. */
    public static MoveTaskChange finish(MoveTaskStatus status, String reason) {
      return new MoveTaskChange(Map.of(MoveTaskStatus.RUNNING, status,
          MoveTaskStatus.CANCELLING, MoveTaskStatus.CANCELLED), null, 0, 0, 0, reason);
    }

    /** Asks a RUNNING task to stop (its driver then ends it CANCELLED). */
    public static MoveTaskChange cancel() {
      return new MoveTaskChange(Map.of(MoveTaskStatus.RUNNING, MoveTaskStatus.CANCELLING), null, 0, 0, 0, null);
    }

    /** The task after this change, or empty when it declines (the in-memory side of the rules). */
    public Optional<MoveTask> applyTo(MoveTask t) {
      MoveTaskStatus next = statuses.get(t.status());
      if (next == null) {
        return Optional.empty();
      }
      String owner = t.leaseOwner();
      long until = t.leaseUntil();
      if (leaseOwner != null) {
        if (owner != null && !owner.equals(leaseOwner) && until > now) {
          return Optional.empty();
        }
        owner = leaseOwner;
        until = leaseUntil;
      }
      String reason = next != MoveTaskStatus.FAILED ? null
          : t.status() == MoveTaskStatus.FAILED ? t.failureReason() : failureReason;
      if (!next.isActive()) {
        owner = null;
        until = 0;
      }
      return Optional.of(new MoveTask(t.taskHandle(), t.source(), t.destinationArn(), t.maxPerSecond(), next,
          t.moved() + moved, t.toMove(), t.startedTimestamp(), reason, owner, until));
    }
  }

  /** What {@link #updateMoveTask} did: whether the change applied, and the task as stored afterwards. */
  record MoveTaskUpdate(boolean applied, MoveTask task) {}

  /**
   * Records a new task for its source queue unless a task there is active (RUNNING or CANCELLING);
   * returns false (nothing stored) in that case. Keeps the {@link QueueRules#MOVE_TASKS_KEPT} newest
   * tasks per source.
   */
  CompletionStage<Boolean> startMoveTask(MoveTask task);

  /** Tasks of a source queue, newest first. */
  CompletionStage<List<MoveTask>> listMoveTasks(QueueId source);

  /** Every active task, across queues, for the drivers on each node. */
  CompletionStage<List<MoveTask>> activeMoveTasks();

  /** Applies {@code change} to the task in one atomic step; empty if there is no such task. */
  CompletionStage<Optional<MoveTaskUpdate>> updateMoveTask(QueueId source, String taskHandle, MoveTaskChange change);
}

package io.sluice.sqs.store;

import io.sluice.sqs.model.QueueRecord;
import java.util.Map;

/**
 * The numbers of the SQS rules that both engines apply, in one place: the in-memory store uses them
 * directly and the Redis store passes them to its scripts as arguments. Each is AWS's documented
 * value (the API reference named).
 */
public final class QueueRules {
  /** A FIFO deduplication id answers duplicates this long (SendMessage: 5-minute interval). */
  public static final long DEDUPLICATION_WINDOW_MILLIS = 5 * 60 * 1000L;
  /** A FIFO ReceiveRequestAttemptId answers the same messages this long (ReceiveMessage: 5 minutes). */
  public static final long RECEIVE_ATTEMPT_WINDOW_MILLIS = 5 * 60 * 1000L;
  /** A queue is purged at most once this long (PurgeQueue: 60 seconds). */
  public static final long PURGE_INTERVAL_MILLIS = 60 * 1000L;
  /** A queue of a deleted queue's name cannot be created this long (DeleteQueue: 60 seconds). */
  public static final long DELETED_RECENTLY_MILLIS = 60 * 1000L;
  /** How long the marker of a deleted queue is kept; far beyond the rule above, it only collects garbage. */
  public static final long DELETED_MARKER_MILLIS = 60 * 60 * 1000L;
  /** The attribute that holds how long a queue keeps messages, in seconds. */
  public static final String RETENTION_ATTRIBUTE = "MessageRetentionPeriod";
  /** MessageRetentionPeriod of a queue created without one (CreateQueue: 345,600 seconds, 4 days). */
  public static final int DEFAULT_RETENTION_SECONDS = 345_600;
  /** How many message move tasks a source queue keeps (ListMessageMoveTasks: the most recent 10). */
  public static final int MOVE_TASKS_KEPT = 10;

  private QueueRules() {}

  /** How long the queue keeps messages: its MessageRetentionPeriod, else the default. */
  public static long retentionMillis(QueueRecord queue) {
    return retentionMillis(queue.attributes());
  }

  /** How long a queue with these attributes keeps messages: their MessageRetentionPeriod, else the default. */
  public static long retentionMillis(Map<String, String> attributes) {
    String seconds = attributes.get(RETENTION_ATTRIBUTE);
    try {
      return (seconds == null ? DEFAULT_RETENTION_SECONDS : Integer.parseInt(seconds)) * 1000L;
    } catch (NumberFormatException e) {
      return DEFAULT_RETENTION_SECONDS * 1000L;
    }
  }
}

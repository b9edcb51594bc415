package io.sluice.sqs.store;

/** A message operation addressed a queue that no longer exists in the store. */
public final class QueueGoneException extends RuntimeException {
  public QueueGoneException(String queueKey) {
    super(queueKey, null, false, false);
  }
}

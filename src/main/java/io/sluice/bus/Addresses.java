package io.sluice.bus;

/** Event-bus addresses, named {@code <service>.<purpose>}. */
public final class Addresses {
  private Addresses() {}

  /** SQS operations, local request/reply with {@link OperationCall}. */
  public static final String SQS_API = "sqs.api";

  /** Cluster-wide publish of a queue key when messages become available; wakes long polls on every node. */
  public static final String SQS_MESSAGES_AVAILABLE = "sqs.messages-available";

  /** Cluster-wide publish of a queue key whose attributes changed; drops cached attributes on every node. */
  public static final String SQS_QUEUE_CHANGED = "sqs.queue-changed";

  /** SNS operations, local request/reply with {@link OperationCall}. */
  public static final String SNS_API = "sns.api";

  /** Cluster-wide publish of a topic ARN whose topic or subscriptions changed; drops cached copies. */
  public static final String SNS_TOPIC_CHANGED = "sns.topic-changed";

  /** Local publish at shutdown: answer every held long poll now. */
  public static final String SLUICE_SHUTDOWN = "sluice.shutdown";

  /** Local request/reply: wipe every service's state (admin endpoint). */
  public static final String SLUICE_RESET = "sluice.reset";

  /** Cluster-wide publish after a reset: every node drops its caches. */
  public static final String SLUICE_RESET_DONE = "sluice.reset-done";
}

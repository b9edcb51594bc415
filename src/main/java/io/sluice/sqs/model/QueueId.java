package io.sluice.sqs.model;

/**
 * Identifies a queue: region, owning account and name. Queues of different regions or accounts are
 * different queues, as on AWS.
 */
public record QueueId(String region, String account, String name) {

  /** {@code arn:aws:sqs:region:account:name}. */
  public String arn() {
    return "arn:aws:sqs:" + region + ":" + account + ":" + name;
  }

  public boolean isFifo() {
    return name.endsWith(".fifo");
  }

  /** A stable key for stores and caches: {@code region/account/name}. */
  public String key() {
    return region + "/" + account + "/" + name;
  }

  /** Parses a key made by {@link #key()}; null if malformed. */
  public static QueueId fromKey(String key) {
    String[] parts = key.split("/", 3);
    return parts.length == 3 ? new QueueId(parts[0], parts[1], parts[2]) : null;
  }

  /** Parses an SQS queue ARN; null if it is not one. */
  public static QueueId fromArn(String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")
        || parts[3].isEmpty() || parts[4].isEmpty() || parts[5].isEmpty()) {
      return null;
    }
    return new QueueId(parts[3], parts[4], parts[5]);
  }
}

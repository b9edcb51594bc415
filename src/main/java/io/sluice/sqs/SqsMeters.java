package io.sluice.sqs;

/**
 * Per-queue meters named after SQS's CloudWatch metrics. Operations report through this interface;
 * the metrics package binds it to Micrometer.
 */
public interface SqsMeters {
  SqsMeters NONE = new SqsMeters() {};

  default void sent(String queueName, int count, long bytes) {}

  default void received(String queueName, int count) {}

  default void emptyReceive(String queueName) {}

  default void deleted(String queueName, int count) {}
}

package io.sluice.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQS meters per queue, named after the CloudWatch metrics SQS publishes (NumberOfMessagesSent,
 * NumberOfMessagesReceived, NumberOfMessagesDeleted, NumberOfEmptyReceives, SentMessageSize),
 * tagged with the queue name.
 */
public final class SqsMetrics implements SqsMeters {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public SqsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void sent(String queueName, int count, long bytes) {
    counter("NumberOfMessagesSent", queueName).increment(count);
    counter("SentMessageSize", queueName).increment(bytes);
  }

  @Override
  public void received(String queueName, int count) {
    counter("NumberOfMessagesReceived", queueName).increment(count);
  }

  @Override
  public void emptyReceive(String queueName) {
    counter("NumberOfEmptyReceives", queueName).increment();
  }

  @Override
  public void deleted(String queueName, int count) {
    counter("NumberOfMessagesDeleted", queueName).increment(count);
  }

  private Counter counter(String metric, String queue) {
    return counters.computeIfAbsent(metric + "\u0000" + queue,
        k -> Counter.builder("sqs." + metric).tag("queue", queue).register(registry));
  }
}

package io.sluice.firehose.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.firehose.model.DeliveryStreamId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SourceMeters} on the node's Micrometer registry: counters
 * {@code firehose.DataReadFromKinesisStream.Records}, {@code …Bytes}, {@code firehose.Throttled<Action>}
 * and the gauge {@code firehose.KinesisMillisBehindLatest} (the latest read's), tagged {@code stream}
 * with the delivery stream's name, as Kinesis tags its meters.
 */
public final class SourceMetrics implements SourceMeters {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();

  public SourceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void read(DeliveryStreamId stream, long records, long bytes, long millisBehindLatest) {
    Tags tags = Tags.of("stream", stream.name());
    registry.counter("firehose.DataReadFromKinesisStream.Records", tags).increment(records);
    registry.counter("firehose.DataReadFromKinesisStream.Bytes", tags).increment(bytes);
    behind.computeIfAbsent(stream.name(), name -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("firehose.KinesisMillisBehindLatest", value, AtomicLong::get).tags(tags).register(registry);
      return value;
    }).set(millisBehindLatest);
  }

  @Override
  public void throttled(DeliveryStreamId stream, String action) {
    registry.counter("firehose.Throttled" + action, Tags.of("stream", stream.name())).increment();
  }
}

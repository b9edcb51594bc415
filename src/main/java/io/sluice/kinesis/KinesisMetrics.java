package io.sluice.kinesis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kinesis meters per stream (tag {@code stream}) named {@code kinesis.<CloudWatch metric>}, and per
 * shard (tags {@code stream} and {@code shard}) named {@code kinesis.shard.<metric>} for the
 * shard-level metrics a stream's enhanced monitoring turned on. Sums are counters; latencies are
 * timers; ages are gauges of the latest value. {@code WriteProvisionedThroughputExceeded} counts
 * records and {@code ReadProvisionedThroughputExceeded} GetRecords calls refused by
 * {@link ThroughputLimits}.
 */
public final class KinesisMetrics implements KinesisMeters {
  private static final String WRITE_EXCEEDED = "WriteProvisionedThroughputExceeded";
  private static final String READ_EXCEEDED = "ReadProvisionedThroughputExceeded";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public KinesisMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void put(StreamRecord stream, String action, List<Puts.Placed> records, long latencyMillis) {
    String name = stream.id().name();
    Map<Integer, long[]> byShard = new TreeMap<>();
    long bytes = 0;
    for (Puts.Placed p : records) {
      long[] sums = byShard.computeIfAbsent(p.shard(), s -> new long[2]);
      sums[0]++;
      sums[1] += p.record().data().length;
      bytes += p.record().data().length;
    }
    add(name, "IncomingRecords", records.size());
    add(name, "IncomingBytes", bytes);
    add(name, action + ".Success", 1);
    add(name, action + ".Bytes", bytes);
    if (action.equals("PutRecords")) {
      add(name, "PutRecords.TotalRecords", records.size());
      add(name, "PutRecords.SuccessfulRecords", records.size());
      add(name, "PutRecords.FailedRecords", 0);
    }
    add(name, WRITE_EXCEEDED, 0);
    time(name, action + ".Latency", latencyMillis);
    byShard.forEach((shard, sums) -> {
      addShard(stream, shard, "IncomingRecords", sums[0]);
      addShard(stream, shard, "IncomingBytes", sums[1]);
      addShard(stream, shard, WRITE_EXCEEDED, 0);
    });
  }

  @Override
  public void writeExceeded(StreamRecord stream, String action, int shard, int records) {
    String name = stream.id().name();
    add(name, WRITE_EXCEEDED, records);
    if (action.equals("PutRecords")) {
      add(name, "PutRecords.TotalRecords", records);
      add(name, "PutRecords.FailedRecords", records);
    }
    addShard(stream, shard, WRITE_EXCEEDED, records);
  }

  @Override
  public void readExceeded(StreamRecord stream, int shard) {
    add(stream.id().name(), READ_EXCEEDED, 1);
    addShard(stream, shard, READ_EXCEEDED, 1);
  }

  @Override
  public void read(StreamRecord stream, int shard, int records, long bytes, long iteratorAgeMillis,
                   long latencyMillis) {
    String name = stream.id().name();
    add(name, "GetRecords.Success", 1);
    add(name, "GetRecords.Records", records);
    add(name, "GetRecords.Bytes", bytes);
    add(name, READ_EXCEEDED, 0);
    time(name, "GetRecords.Latency", latencyMillis);
    gauge(name, "GetRecords.IteratorAgeMilliseconds", Tags.of("stream", name)).set(iteratorAgeMillis);
    outgoing(stream, shard, records, bytes);
    if (enabled(stream, "IteratorAgeMilliseconds")) {
      gauge(name + "\u0000" + shard, "shard.IteratorAgeMilliseconds", shardTags(stream, shard)).set(iteratorAgeMillis);
    }
  }

  @Override
  public void subscribed(StreamRecord stream) {
    add(stream.id().name(), "SubscribeToShard.Success", 1);
  }

  @Override
  public void event(StreamRecord stream, int shard, int records, long bytes, long millisBehindLatest) {
    String name = stream.id().name();
    add(name, "SubscribeToShardEvent.Records", records);
    add(name, "SubscribeToShardEvent.Bytes", bytes);
    gauge(name, "SubscribeToShardEvent.MillisBehindLatest", Tags.of("stream", name)).set(millisBehindLatest);
    outgoing(stream, shard, records, bytes);
  }

  /** The shard-level sums of records read, by GetRecords or a subscription. */
  private void outgoing(StreamRecord stream, int shard, int records, long bytes) {
    addShard(stream, shard, "OutgoingRecords", records);
    addShard(stream, shard, "OutgoingBytes", bytes);
    addShard(stream, shard, READ_EXCEEDED, 0);
  }

  private void add(String stream, String metric, long amount) {
    counters.computeIfAbsent(metric + "\u0000" + stream,
            k -> Counter.builder("kinesis." + metric).tag("stream", stream).register(registry))
        .increment(amount);
  }

  private void addShard(StreamRecord stream, int shard, String metric, long amount) {
    if (enabled(stream, metric)) {
      counters.computeIfAbsent("shard." + metric + "\u0000" + stream.id().name() + "\u0000" + shard,
              k -> Counter.builder("kinesis.shard." + metric).tags(shardTags(stream, shard)).register(registry))
          .increment(amount);
    }
  }

  private void time(String stream, String metric, long millis) {
    timers.computeIfAbsent(metric + "\u0000" + stream,
            k -> Timer.builder("kinesis." + metric).tag("stream", stream).register(registry))
        .record(Duration.ofMillis(millis));
  }

  private AtomicLong gauge(String key, String metric, Tags tags) {
    return gauges.computeIfAbsent(metric + "\u0000" + key, k -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("kinesis." + metric, value, AtomicLong::get).tags(tags).register(registry);
      return value;
    });
  }

  private static boolean enabled(StreamRecord stream, String metric) {
    return stream.settings().containsKey(StreamRecord.METRIC + metric);
  }

  private static Tags shardTags(StreamRecord stream, int shard) {
    return Tags.of("stream", stream.id().name(), "shard", Shard.id(shard));
  }
}

package io.sluice.kinesis;

import io.sluice.kinesis.store.ConsumerStore;
import io.sluice.storage.limits.InMemoryRateLimiter;
import io.sluice.storage.limits.RateLimiter;
import io.sluice.kinesis.store.StreamStore;
import io.sluice.storage.Sealer;
import java.time.InstantSource;

/**
 * What Kinesis operations share: the stores, the clock, the settings, the iterator codec and the
 * sealer of record data under server-side encryption (both keyed by the node's SSE key), and where
 * subscriptions wait for records, the meters operations report to, and the throughput limits.
 */
public record KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config,
                              ShardIterators iterators, Sealer sealer, ConsumerStore consumers, ShardSignals signals,
                              KinesisMeters meters, ThroughputLimits limits) {

  /**
   * Services whose iterators and sealer use {@code sseKey}, counting throughput in {@code limiter}
   * if the config turns limits on.
   */
  public KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config, byte[] sseKey,
                         ConsumerStore consumers, ShardSignals signals, KinesisMeters meters, RateLimiter limiter) {
    this(store, clock, config, new ShardIterators(sseKey), new Sealer(sseKey), consumers, signals, meters,
        new ThroughputLimits(limiter, config.throughputLimits(), meters));
  }

  /** Services whose iterators and sealer use {@code sseKey}, reporting to no meters, limits in memory. */
  public KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config, byte[] sseKey,
                         ConsumerStore consumers, ShardSignals signals) {
    this(store, clock, config, sseKey, consumers, signals, KinesisMeters.NONE, new InMemoryRateLimiter());
  }
}

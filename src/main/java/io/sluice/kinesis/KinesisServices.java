package io.sluice.kinesis;

import io.sluice.kinesis.store.ConsumerStore;
import io.sluice.kinesis.store.StreamStore;
import io.sluice.storage.Sealer;
import java.time.InstantSource;

/**
 * What Kinesis operations share: the stores, the clock, the settings, the iterator codec and the
 * sealer of record data under server-side encryption (both keyed by the node's SSE key), and where
 * subscriptions wait for records, and the meters operations report to.
 */
public record KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config,
                              ShardIterators iterators, Sealer sealer, ConsumerStore consumers, ShardSignals signals,
                              KinesisMeters meters) {

  /** Services whose iterators and sealer use {@code sseKey}. */
  public KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config, byte[] sseKey,
                         ConsumerStore consumers, ShardSignals signals, KinesisMeters meters) {
    this(store, clock, config, new ShardIterators(sseKey), new Sealer(sseKey), consumers, signals, meters);
  }

  /** Services whose iterators and sealer use {@code sseKey}, reporting to no meters. */
  public KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config, byte[] sseKey,
                         ConsumerStore consumers, ShardSignals signals) {
    this(store, clock, config, sseKey, consumers, signals, KinesisMeters.NONE);
  }
}

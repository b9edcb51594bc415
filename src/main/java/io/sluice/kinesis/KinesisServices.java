package io.sluice.kinesis;

import io.sluice.kinesis.store.ConsumerStore;
import io.sluice.kinesis.store.StreamStore;
import java.time.InstantSource;

/**
 * What Kinesis operations share: the stores, the clock, the settings, the iterator codec and where
 * subscriptions wait for records.
 */
public record KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config,
                              ShardIterators iterators, ConsumerStore consumers, ShardSignals signals) {}

package io.sluice.kinesis;

import io.sluice.kinesis.store.StreamStore;
import java.time.InstantSource;

/** What Kinesis operations share: the store, the clock, the settings and the iterator codec. */
public record KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config,
                              ShardIterators iterators) {}

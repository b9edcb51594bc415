package io.sluice.kinesis;

import io.sluice.kinesis.store.StreamStore;
import io.sluice.storage.Sealer;
import java.time.InstantSource;

/**
 * What Kinesis operations share: the store, the clock, the settings, the iterator codec and the
 * sealer of record data under server-side encryption (both keyed by the node's SSE key).
 */
public record KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config,
                              ShardIterators iterators, Sealer sealer) {

  /** Services whose iterators and sealer use {@code sseKey}. */
  public KinesisServices(StreamStore store, InstantSource clock, KinesisConfig config, byte[] sseKey) {
    this(store, clock, config, new ShardIterators(sseKey), new Sealer(sseKey));
  }
}

package io.sluice.firehose;

import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.source.KinesisSources;
import io.sluice.firehose.store.DeliveryStreamStore;
import java.time.InstantSource;

/**
 * What Firehose operations share: the store, the clock, the settings, the node's flusher and what
 * CreateDeliveryStream asks of Kinesis sources.
 */
public record FirehoseServices(DeliveryStreamStore store, InstantSource clock, FirehoseConfig config,
                               Flusher flusher, KinesisSources sources) {}

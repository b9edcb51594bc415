package io.sluice.firehose;

import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.source.KinesisSources;
import io.sluice.firehose.store.DeliveryStreamStore;
import java.time.InstantSource;

/**
 * What Firehose operations share: the store, the clock, the settings, the Direct PUT quota, the
 * node's flusher, its meters, how records are kept in buffers and what CreateDeliveryStream asks of
 * Kinesis sources.
 */
public record FirehoseServices(DeliveryStreamStore store, InstantSource clock, FirehoseConfig config,
                               DirectPutQuota quota, Flusher flusher, FirehoseMetrics metrics,
                               StoredRecords records, KinesisSources sources) {}

package io.sluice.firehose;

import io.sluice.firehose.store.DeliveryStreamStore;
import java.time.InstantSource;

/** What Firehose operations share: the store, the clock and the settings. */
public record FirehoseServices(DeliveryStreamStore store, InstantSource clock, FirehoseConfig config) {}

package io.sluice.sqs;

import io.sluice.sqs.store.QueueStore;
import java.time.InstantSource;

/**
 * What SQS operations work with: the store, the queue directory, the injected clock, payload
 * sealing, long-poll arrivals, limits and meters. One instance per node, shared by all operations.
 */
public record SqsServices(
    QueueStore store,
    QueueDirectory directory,
    InstantSource clock,
    MessagePayloads payloads,
    MessageArrivals arrivals,
    SqsConfig limits,
    SqsMeters meters) {}

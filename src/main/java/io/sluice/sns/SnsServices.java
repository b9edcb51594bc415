package io.sluice.sns;

import io.sluice.sns.delivery.Confirmations;
import io.sluice.sns.delivery.DeliveryDispatcher;
import io.sluice.sns.store.TopicStore;
import java.time.InstantSource;

/**
 * What SNS operations work with: the store, the injected clock, the delivery dispatcher that
 * makes the deliveries a publish creates, the sender of (un)subscription confirmations, and the SNS
 * settings. One instance per node.
 */
public record SnsServices(TopicStore store, InstantSource clock, DeliveryDispatcher deliveries,
                          Confirmations confirmations, SnsConfig config) {}

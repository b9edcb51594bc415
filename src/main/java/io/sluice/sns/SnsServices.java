package io.sluice.sns;

import io.sluice.sns.delivery.Confirmations;
import io.sluice.sns.delivery.DeliveryDispatcher;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.documents.DocumentStore;
import java.time.InstantSource;

/**
 * What SNS operations work with: the topic store, the document store (platform applications and
 * endpoints, SMS settings, opt-outs and sandbox), the injected clock, the delivery dispatcher that
 * makes the deliveries a publish creates, the sender of (un)subscription confirmations, and the SNS
 * settings. One instance per node.
 */
public record SnsServices(TopicStore store, DocumentStore documents, InstantSource clock,
                          DeliveryDispatcher deliveries, Confirmations confirmations, SnsConfig config) {}

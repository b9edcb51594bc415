package io.sluice.sns.store;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Durable state of SNS: topics, their subscriptions, the outbox of deliveries not yet made, the
 * FIFO deduplication window and the message archive. Every method is one atomic step on one
 * topic (a Lua script on Redis, the topic's lock in memory); time is passed in as {@code now}
 * (epoch millis).
 *
 * <p>The outbox makes a publish durable: {@link #publish} stores one {@link Delivery} per
 * subscription in the same step that accepts the message. A delivery carries a due time, which is
 * a lease: the node that publishes (or {@linkplain #claimDue claims}) a delivery owns it until then
 * and either {@linkplain #complete completes} it or {@linkplain #reschedule reschedules} it; if that
 * node dies, the delivery falls due and any node claims it. Delivery is therefore at least once.
 *
 * <p>Implementations must pass {@code TopicStoreContract} in the test sources.
 */
public interface TopicStore {

  // ---- topics ---------------------------------------------------------------------------------

  /** Stores {@code topic} unless one of that ARN exists; returns the stored record either way. */
  CompletionStage<TopicRecord> createTopic(TopicRecord topic);

  CompletionStage<Optional<TopicRecord>> findTopic(String topicArn);

  /** ARNs of the topics of one region and account, sorted. */
  CompletionStage<List<String>> listTopics(String region, String account);

  /**
   * Applies {@code change} to the topic's attributes and tags in one atomic step (no read-back, no
   * retry: changes of different entries never conflict, the last change of an entry wins) and
   * returns the outcome with the stored topic; empty if the topic does not exist. A change refused by
   * one of its limits stores nothing.
   */
  CompletionStage<Optional<Outcome<TopicRecord>>> updateTopic(String topicArn, RecordChange change);

  /** Deletes the topic with its subscriptions, outbox, deduplication window and archive. */
  CompletionStage<Boolean> deleteTopic(String topicArn);

  // ---- subscriptions --------------------------------------------------------------------------

  /** Result of {@link #subscribe}: the stored subscription and whether this call created it. */
  record SubscribeOutcome(SubscriptionRecord subscription, boolean created) {}

  /**
   * Stores {@code candidate} unless the topic already has a subscription with the same protocol and
   * endpoint (then returns that one, unchanged). Empty if the topic does not exist.
   */
  CompletionStage<Optional<SubscribeOutcome>> subscribe(SubscriptionRecord candidate);

  CompletionStage<Optional<SubscriptionRecord>> findSubscription(String subscriptionArn);

  /** The topic's subscriptions in the order they were created; empty if the topic does not exist. */
  CompletionStage<List<SubscriptionRecord>> subscriptions(String topicArn);

  /**
   * Like {@link #updateTopic}, for one subscription's attributes (a subscription has no tags, so a
   * change with tag edits is an IllegalArgumentException).
   */
  CompletionStage<Optional<Outcome<SubscriptionRecord>>> updateSubscription(String subscriptionArn,
                                                                            RecordChange change);

  /**
   * Confirms the subscription in one atomic step: its confirmation token goes and the two flags are
   * set as given. Returns the stored subscription; empty if it does not exist.
   */
  CompletionStage<Optional<SubscriptionRecord>> confirmSubscription(String subscriptionArn, boolean authenticated,
                                                                    boolean authenticateOnUnsubscribe);

  /** Deletes the subscription and its pending deliveries; false if it did not exist. */
  CompletionStage<Boolean> deleteSubscription(String subscriptionArn);

  // ---- publishing and the outbox --------------------------------------------------------------

  /**
   * One message to accept: its id, its FIFO deduplication id (null on standard topics), the
   * serialized message (opaque to the store), and the subscriptions it goes to.
   */
  record PublishEntry(String messageId, String deduplicationId, byte[] message, List<String> subscriptionArns) {}

  /**
   * How a batch is stored: FIFO topics number their messages and deduplicate them for 5 minutes;
   * {@code leaseUntil} is the due time of the new deliveries (the publishing node delivers them
   * before then); {@code archiveUntil} keeps the messages in the topic's archive until then (0: not
   * archived).
   */
  record PublishOptions(boolean fifo, long leaseUntil, long archiveUntil) {}

  /**
   * Per entry: its message id (the original message's id for a duplicate within the deduplication
   * interval), FIFO sequence number (null on standard topics), whether it was a duplicate (then
   * nothing was stored), and the deliveries created.
   */
  record Published(String messageId, String sequenceNumber, boolean duplicate, List<Delivery> deliveries) {}

  /**
   * One delivery of one message to one subscription. {@code attempt} counts the attempts made so
   * far; {@code dueAt} is when any node may claim it.
   */
  record Delivery(String id, String topicArn, String subscriptionArn, String messageId, String sequenceNumber,
                  byte[] message, int attempt, long dueAt) {

    public Delivery withAttempt(int newAttempt, long newDueAt) {
      return new Delivery(id, topicArn, subscriptionArn, messageId, sequenceNumber, message, newAttempt, newDueAt);
    }
  }

  /**
   * Accepts the entries in order, in one step: deduplicates (FIFO), numbers, archives, and creates
   * their deliveries. Empty if the topic does not exist.
   */
  CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                     PublishOptions options, long now);

  /**
   * Up to {@code max} deliveries, of any topic, whose due time is at or before {@code now}, each
   * now due at {@code leaseUntil} (owned by the caller until then). Earliest due first.
   */
  CompletionStage<List<Delivery>> claimDue(long now, int max, long leaseUntil);

  /** Stores the delivery's new attempt count and due time; ignored if it was completed or deleted. */
  CompletionStage<Void> reschedule(Delivery delivery);

  /** Removes a delivery that was made (or given up on). */
  CompletionStage<Void> complete(Delivery delivery);

  /** Removes deliveries that were made, of any topics, in one step per topic; gone ones are ignored. */
  CompletionStage<Void> completeAll(List<Delivery> deliveries);

  /** Adds deliveries (replays of archived messages); ignored for a topic that does not exist. */
  CompletionStage<Void> enqueue(List<Delivery> deliveries);

  // ---- archive --------------------------------------------------------------------------------

  /** A message kept by the topic's archive policy. */
  record ArchivedMessage(String messageId, String sequenceNumber, byte[] message, long publishedMillis) {}

  /**
   * Archived messages of the topic published in {@code [fromMillis, toMillis]}, oldest first,
   * excluding those whose archive time ended before {@code now}.
   */
  CompletionStage<List<ArchivedMessage>> archived(String topicArn, long fromMillis, long toMillis, long now);
}

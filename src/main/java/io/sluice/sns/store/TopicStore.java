package io.sluice.sns.store;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import io.sluice.storage.scheduler.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Durable state of SNS: topics, their subscriptions, the outbox of deliveries not yet made, the
 * FIFO deduplication window and the message archive. Every method is one atomic step on one
 * topic (a Lua script on Redis, the topic's lock in memory); time is passed in as {@code now}
 * (epoch millis).
 *
 * <p>The outbox makes a publish durable: {@link #publish} adds one {@link Delivery} per subscription
 * to the {@linkplain #deliveries deliveries scheduler} in the same step that accepts the message,
 * held by the publishing node. That node (or, once its lease ran out, any node that claims the
 * delivery) makes it and completes or reschedules it through the scheduler. Delivery is therefore
 * at least once.
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
   * How long a FIFO topic remembers a deduplication id: a message published with one used within
   * this time is a duplicate (AWS: 5 minutes). The one source of this rule for every engine.
   */
  long DEDUPLICATION_WINDOW_MILLIS = Duration.ofMinutes(5).toMillis();

  /** The name of the scheduler that holds the deliveries (see {@link #deliveries}). */
  String DELIVERIES = "sns-deliveries";

  /**
   * The outbox: the scheduler holding every delivery not yet made, a {@link Delivery} per item
   * ({@link Delivery#of}). Its partitions are topic ARNs and its tags subscription ARNs;
   * {@link #publish} adds to it in the same step that accepts the message, {@link #deleteSubscription}
   * and {@link #deleteTopic} remove from it in the same step that deletes.
   */
  Scheduler deliveries();

  /**
   * One message to accept: its id, its FIFO deduplication id (null on standard topics), the
   * serialized message (opaque to the store), and the subscriptions it goes to.
   */
  record PublishEntry(String messageId, String deduplicationId, byte[] message, List<String> subscriptionArns) {}

  /**
   * How a batch is stored: FIFO topics number their messages and deduplicate them for
   * {@link #DEDUPLICATION_WINDOW_MILLIS}; the new deliveries are held by {@code holder} (a
   * {@link Scheduler#newHolder}: the publishing node delivers them at once) until {@code leaseUntil};
   * {@code archiveUntil} keeps the messages in the topic's archive until then (0: not archived).
   */
  record PublishOptions(boolean fifo, String holder, long leaseUntil, long archiveUntil) {}

  /**
   * Per entry: its message id (the original message's id for a duplicate within the deduplication
   * interval), FIFO sequence number (null on standard topics), whether it was a duplicate (then
   * nothing was stored), and the deliveries created.
   */
  record Published(String messageId, String sequenceNumber, boolean duplicate, List<Delivery> deliveries) {}

  /**
   * One delivery of one message to one subscription: an item of {@link #deliveries} (partition: the
   * topic, tag: the subscription). {@code attempt} counts the attempts made so far; {@code dueAt} is
   * when any node may claim it; {@code holder} the lease it is held under (null: none).
   *
   * <p>Its payload is {@code messageId \n sequenceNumber \n message} (an empty sequence number on
   * standard topics), shared by the message's deliveries under the key {@code m<messageId>};
   * {@code lua/sns/topic.lua} writes the same.
   */
  record Delivery(String id, String topicArn, String subscriptionArn, String messageId, String sequenceNumber,
                  byte[] message, int attempt, long dueAt, String holder) {

    /** A delivery held by no lease. */
    public Delivery(String id, String topicArn, String subscriptionArn, String messageId, String sequenceNumber,
                    byte[] message, int attempt, long dueAt) {
      this(id, topicArn, subscriptionArn, messageId, sequenceNumber, message, attempt, dueAt, null);
    }

    public Delivery withAttempt(int newAttempt, long newDueAt) {
      return new Delivery(id, topicArn, subscriptionArn, messageId, sequenceNumber, message, newAttempt, newDueAt,
          holder);
    }

    /** This delivery held by {@code newHolder} until {@code until}. */
    public Delivery heldBy(String newHolder, long until) {
      return new Delivery(id, topicArn, subscriptionArn, messageId, sequenceNumber, message, attempt, until, newHolder);
    }

    public ItemRef ref() {
      return new ItemRef(topicArn, id);
    }

    /** The scheduler's item of this delivery. */
    public Item item() {
      return new Item(id, topicArn, subscriptionArn, attempt, dueAt, payloadKey(messageId),
          payload(messageId, sequenceNumber, message), holder);
    }

    /** The delivery an item of {@link #deliveries} stands for. */
    public static Delivery of(Item item) {
      byte[] p = item.payload();
      int first = indexOf(p, 0);
      int second = indexOf(p, first + 1);
      String sequence = new String(p, first + 1, second - first - 1, StandardCharsets.US_ASCII);
      return new Delivery(item.id(), item.partition(), item.tag(), new String(p, 0, first, StandardCharsets.UTF_8),
          sequence.isEmpty() ? null : sequence, Arrays.copyOfRange(p, second + 1, p.length), item.attempt(),
          item.dueAt(), item.holder());
    }

    /** The payload key of a message's deliveries. */
    public static String payloadKey(String messageId) {
      return "m" + messageId;
    }

    /** The payload of a message's deliveries. */
    public static byte[] payload(String messageId, String sequenceNumber, byte[] message) {
      byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
      byte[] sequence = (sequenceNumber == null ? "" : sequenceNumber).getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[id.length + sequence.length + 2 + message.length];
      System.arraycopy(id, 0, out, 0, id.length);
      out[id.length] = '\n';
      System.arraycopy(sequence, 0, out, id.length + 1, sequence.length);
      out[id.length + 1 + sequence.length] = '\n';
      System.arraycopy(message, 0, out, id.length + sequence.length + 2, message.length);
      return out;
    }

    private static int indexOf(byte[] bytes, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      throw new IllegalArgumentException("not an SNS delivery payload");
    }
  }

  /**
   * Accepts the entries in order, in one step: deduplicates (FIFO), numbers, archives, and adds
   * their deliveries to {@link #deliveries}. Empty if the topic does not exist.
   */
  CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                     PublishOptions options, long now);

  // ---- archive --------------------------------------------------------------------------------

  /** A message kept by the topic's archive policy. */
  record ArchivedMessage(String messageId, String sequenceNumber, byte[] message, long publishedMillis) {}

  /**
   * Archived messages of the topic published in {@code [fromMillis, toMillis]}, oldest first,
   * excluding those whose archive time ended before {@code now}.
   */
  CompletionStage<List<ArchivedMessage>> archived(String topicArn, long fromMillis, long toMillis, long now);
}

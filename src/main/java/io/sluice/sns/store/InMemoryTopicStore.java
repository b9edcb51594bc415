package io.sluice.sns.store;

import io.sluice.ids.RandomIds;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link TopicStore} in this JVM's memory. One monitor guards all state: every method is short and
 * none waits for anything, so each is trivially one atomic step. The deliveries live in an
 * {@link InMemoryScheduler}, changed under this store's monitor where a step of the store adds or
 * removes them (its own steps complete at once).
 */
public final class InMemoryTopicStore implements TopicStore, InMemoryStoreEngine.Wipeable {

  /** A topic with everything that lives and dies with it. */
  private static final class TopicState {
    TopicRecord record;
    final Map<String, SubscriptionRecord> subscriptions = new LinkedHashMap<>();
    final Map<String, String> dedupIds = new HashMap<>();
    final Map<String, Long> dedupExpiry = new HashMap<>();
    final Map<String, String> dedupSequence = new HashMap<>();
    final List<ArchivedEntry> archive = new ArrayList<>();
    long sequence;

    TopicState(TopicRecord record) {
      this.record = record;
    }
  }

  private record ArchivedEntry(ArchivedMessage message, long keepUntil) {}

  private final TreeMap<String, TopicState> topics = new TreeMap<>();
  private final InMemoryScheduler deliveries;

  /** A store whose deliveries live in {@code deliveries}. */
  public InMemoryTopicStore(InMemoryScheduler deliveries) {
    this.deliveries = deliveries;
  }

  /** A store with a deliveries scheduler of its own. */
  public InMemoryTopicStore() {
    this(new InMemoryScheduler());
  }

  @Override
  public Scheduler deliveries() {
    return deliveries;
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private static <T> CompletionStage<T> failed(RuntimeException e) {
    return CompletableFuture.failedFuture(e);
  }

  /** Deletes everything, the deliveries too (the admin reset). */
  @Override
  public synchronized void wipe() {
    topics.clear();
    deliveries.wipe();
  }

  // ---- topics ---------------------------------------------------------------------------------

  @Override
  public synchronized CompletionStage<TopicRecord> createTopic(TopicRecord topic) {
    return done(topics.computeIfAbsent(topic.arn(), arn -> new TopicState(topic)).record);
  }

  @Override
  public synchronized CompletionStage<Optional<TopicRecord>> findTopic(String topicArn) {
    TopicState t = topics.get(topicArn);
    return done(t == null ? Optional.empty() : Optional.of(t.record));
  }

  @Override
  public synchronized CompletionStage<List<String>> listTopics(String region, String account) {
    String prefix = TopicRecord.arnOf(region, account, "");
    List<String> arns = new ArrayList<>();
    for (String arn : topics.tailMap(prefix, true).keySet()) {
      if (!arn.startsWith(prefix)) {
        break;
      }
      arns.add(arn);
    }
    return done(arns);
  }

  @Override
  public synchronized CompletionStage<Optional<Outcome<TopicRecord>>> updateTopic(String topicArn,
                                                                                 RecordChange change) {
    TopicState t = topics.get(topicArn);
    if (t == null) {
      return done(Optional.empty());
    }
    RecordChange.Applied applied = change.applyTo(t.record.attributes(), t.record.tags());
    if (applied.status() == RecordChange.Status.APPLIED) {
      t.record = t.record.withAttributes(applied.attributes()).withTags(applied.tags());
    }
    return done(Optional.of(new Outcome<>(applied.status(), t.record)));
  }

  @Override
  public synchronized CompletionStage<Boolean> deleteTopic(String topicArn) {
    TopicState t = topics.remove(topicArn);
    if (t == null) {
      return done(false);
    }
    deliveries.removePartition(topicArn);
    return done(true);
  }

  // ---- subscriptions --------------------------------------------------------------------------

  @Override
  public synchronized CompletionStage<Optional<SubscribeOutcome>> subscribe(SubscriptionRecord candidate) {
    TopicState t = topics.get(candidate.topicArn());
    if (t == null) {
      return done(Optional.empty());
    }
    for (SubscriptionRecord s : t.subscriptions.values()) {
      if (s.protocol().equals(candidate.protocol()) && s.endpoint().equals(candidate.endpoint())) {
        return done(Optional.of(new SubscribeOutcome(s, false)));
      }
    }
    t.subscriptions.put(candidate.arn(), candidate);
    return done(Optional.of(new SubscribeOutcome(candidate, true)));
  }

  @Override
  public synchronized CompletionStage<Optional<SubscriptionRecord>> findSubscription(String subscriptionArn) {
    TopicState t = topicOfSubscription(subscriptionArn);
    return done(t == null ? Optional.empty() : Optional.ofNullable(t.subscriptions.get(subscriptionArn)));
  }

  @Override
  public synchronized CompletionStage<List<SubscriptionRecord>> subscriptions(String topicArn) {
    TopicState t = topics.get(topicArn);
    return done(t == null ? List.of() : List.copyOf(t.subscriptions.values()));
  }

  @Override
  public synchronized CompletionStage<Optional<Outcome<SubscriptionRecord>>> updateSubscription(
      String subscriptionArn, RecordChange change) {
    if (!change.tags().isEmpty()) {
      return failed(new IllegalArgumentException("subscriptions have no tags"));
    }
    TopicState t = topicOfSubscription(subscriptionArn);
    SubscriptionRecord current = t == null ? null : t.subscriptions.get(subscriptionArn);
    if (current == null) {
      return done(Optional.empty());
    }
    RecordChange.Applied applied = change.applyTo(current.attributes(), Map.of());
    if (applied.status() != RecordChange.Status.APPLIED) {
      return done(Optional.of(new Outcome<>(applied.status(), current)));
    }
    SubscriptionRecord updated = current.withAttributes(applied.attributes());
    t.subscriptions.put(subscriptionArn, updated);
    return done(Optional.of(new Outcome<>(RecordChange.Status.APPLIED, updated)));
  }

  @Override
  public synchronized CompletionStage<Optional<SubscriptionRecord>> confirmSubscription(
      String subscriptionArn, boolean authenticated, boolean authenticateOnUnsubscribe) {
    TopicState t = topicOfSubscription(subscriptionArn);
    SubscriptionRecord current = t == null ? null : t.subscriptions.get(subscriptionArn);
    if (current == null) {
      return done(Optional.empty());
    }
    SubscriptionRecord confirmed = current.confirmed(authenticated, authenticateOnUnsubscribe);
    t.subscriptions.put(subscriptionArn, confirmed);
    return done(Optional.of(confirmed));
  }

  @Override
  public synchronized CompletionStage<Boolean> deleteSubscription(String subscriptionArn) {
    TopicState t = topicOfSubscription(subscriptionArn);
    if (t == null || t.subscriptions.remove(subscriptionArn) == null) {
      return done(false);
    }
    deliveries.removeTag(t.record.arn(), subscriptionArn);
    return done(true);
  }

  private TopicState topicOfSubscription(String subscriptionArn) {
    String topicArn = SubscriptionRecord.topicArnOf(subscriptionArn);
    return topicArn == null ? null : topics.get(topicArn);
  }

  // ---- publishing ----------------------------------------------------------------------------

  @Override
  public synchronized CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                                        PublishOptions options, long now) {
    TopicState t = topics.get(topicArn);
    if (t == null) {
      return done(Optional.empty());
    }
    if (options.fifo()) {
      t.dedupExpiry.entrySet().removeIf(e -> {
        boolean expired = e.getValue() <= now;
        if (expired) {
          t.dedupIds.remove(e.getKey());
          t.dedupSequence.remove(e.getKey());
        }
        return expired;
      });
    }
    t.archive.removeIf(a -> a.keepUntil() <= now);
    List<Published> results = new ArrayList<>(entries.size());
    for (PublishEntry e : entries) {
      if (options.fifo() && t.dedupIds.containsKey(e.deduplicationId())) {
        results.add(new Published(t.dedupIds.get(e.deduplicationId()), t.dedupSequence.get(e.deduplicationId()),
            true, List.of()));
        continue;
      }
      // The store keeps its own copy: a caller reusing its buffer must not change stored messages.
      byte[] message = e.message().clone();
      String sequence = options.fifo() ? sequenceNumber(++t.sequence) : null;
      if (options.fifo()) {
        t.dedupIds.put(e.deduplicationId(), e.messageId());
        t.dedupSequence.put(e.deduplicationId(), sequence);
        t.dedupExpiry.put(e.deduplicationId(), now + DEDUPLICATION_WINDOW_MILLIS);
      }
      if (options.archiveUntil() > now) {
        t.archive.add(new ArchivedEntry(new ArchivedMessage(e.messageId(), sequence, message, now),
            options.archiveUntil()));
      }
      List<Delivery> created = new ArrayList<>(e.subscriptionArns().size());
      List<Item> items = new ArrayList<>(e.subscriptionArns().size());
      byte[] payload = null;
      for (String sub : e.subscriptionArns()) {
        if (t.subscriptions.containsKey(sub)) {
          Delivery d = new Delivery(RandomIds.uuid(), topicArn, sub, e.messageId(), sequence, message, 0,
              options.leaseUntil(), options.holder());
          payload = payload == null ? Delivery.payload(e.messageId(), sequence, message) : payload;
          items.add(new Item(d.id(), topicArn, sub, 0, d.dueAt(), Delivery.payloadKey(e.messageId()), payload,
              d.holder()));
          created.add(d);
        }
      }
      deliveries.add(items, now);
      results.add(new Published(e.messageId(), sequence, false, created));
    }
    return done(Optional.of(results));
  }

  /** FIFO sequence numbers: 20 digits, increasing per topic, as SNS shows them. */
  static String sequenceNumber(long n) {
    return String.format("%020d", n);
  }

  // ---- archive --------------------------------------------------------------------------------

  @Override
  public synchronized CompletionStage<List<ArchivedMessage>> archived(String topicArn, long fromMillis, long toMillis,
                                                                      long now) {
    TopicState t = topics.get(topicArn);
    if (t == null) {
      return done(List.of());
    }
    List<ArchivedMessage> out = new ArrayList<>();
    for (ArchivedEntry a : t.archive) {
      long at = a.message().publishedMillis();
      if (a.keepUntil() > now && at >= fromMillis && at <= toMillis) {
        out.add(a.message());
      }
    }
    return done(out);
  }
}

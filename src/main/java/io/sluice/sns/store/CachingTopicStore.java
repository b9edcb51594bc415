package io.sluice.sns.store;

import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.scheduler.Scheduler;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link TopicStore} that remembers topics and their subscription lists for a short time, so
 * that a publish does not read them from the store every time. Every change made through this
 * store forgets the topic at once and is reported to {@code onChange} (which tells the other
 * nodes, whose entries are then forgotten by {@link #invalidate}); entries live at most
 * {@code ttlMillis}, so a change made any other way is seen after that. Everything else goes
 * straight to the store.
 */
public final class CachingTopicStore implements TopicStore {
  private record Entry<T>(T value, long expires) {}

  private final TopicStore store;
  private final InstantSource clock;
  private final long ttlMillis;
  private final Consumer<String> onChange;
  private final Map<String, Entry<TopicRecord>> topics = new ConcurrentHashMap<>();
  private final Map<String, Entry<List<SubscriptionRecord>>> subscriptions = new ConcurrentHashMap<>();

  public CachingTopicStore(TopicStore store, InstantSource clock, long ttlMillis, Consumer<String> onChange) {
    this.store = store;
    this.clock = clock;
    this.ttlMillis = ttlMillis;
    this.onChange = onChange;
  }

  /** Forgets what is cached of a topic (a change reported by another node). */
  public void invalidate(String topicArn) {
    topics.remove(topicArn);
    subscriptions.remove(topicArn);
  }

  /** Forgets everything (after a reset). */
  public void invalidateAll() {
    topics.clear();
    subscriptions.clear();
  }

  private <T> CompletionStage<T> changed(String topicArn, CompletionStage<T> change) {
    invalidate(topicArn);
    return change.whenComplete((v, t) -> {
      invalidate(topicArn);
      onChange.accept(topicArn);
    });
  }

  private static String topicOf(String subscriptionArn) {
    String arn = SubscriptionRecord.topicArnOf(subscriptionArn);
    return arn == null ? "" : arn;
  }

  @Override
  public CompletionStage<TopicRecord> createTopic(TopicRecord topic) {
    return changed(topic.arn(), store.createTopic(topic));
  }

  @Override
  public CompletionStage<Optional<TopicRecord>> findTopic(String topicArn) {
    if (ttlMillis <= 0) {
      return store.findTopic(topicArn);
    }
    long now = clock.millis();
    Entry<TopicRecord> cached = topics.get(topicArn);
    if (cached != null && cached.expires() > now) {
      return CompletableFuture.completedFuture(Optional.of(cached.value()));
    }
    return store.findTopic(topicArn).thenApply(found -> {
      found.ifPresent(t -> topics.put(topicArn, new Entry<>(t, now + ttlMillis)));
      return found;
    });
  }

  @Override
  public CompletionStage<List<String>> listTopics(String region, String account) {
    return store.listTopics(region, account);
  }

  @Override
  public CompletionStage<Optional<Outcome<TopicRecord>>> updateTopic(String topicArn, RecordChange change) {
    return changed(topicArn, store.updateTopic(topicArn, change));
  }

  @Override
  public CompletionStage<Boolean> deleteTopic(String topicArn) {
    return changed(topicArn, store.deleteTopic(topicArn));
  }

  @Override
  public CompletionStage<Optional<SubscribeOutcome>> subscribe(SubscriptionRecord candidate) {
    return changed(candidate.topicArn(), store.subscribe(candidate));
  }

  @Override
  public CompletionStage<Optional<SubscriptionRecord>> findSubscription(String subscriptionArn) {
    return store.findSubscription(subscriptionArn);
  }

  @Override
  public CompletionStage<List<SubscriptionRecord>> subscriptions(String topicArn) {
    if (ttlMillis <= 0) {
      return store.subscriptions(topicArn);
    }
    long now = clock.millis();
    Entry<List<SubscriptionRecord>> cached = subscriptions.get(topicArn);
    if (cached != null && cached.expires() > now) {
      return CompletableFuture.completedFuture(cached.value());
    }
    return store.subscriptions(topicArn).thenApply(list -> {
      subscriptions.put(topicArn, new Entry<>(List.copyOf(list), now + ttlMillis));
      return list;
    });
  }

  @Override
  public CompletionStage<Optional<Outcome<SubscriptionRecord>>> updateSubscription(String subscriptionArn,
                                                                                   RecordChange change) {
    return changed(topicOf(subscriptionArn), store.updateSubscription(subscriptionArn, change));
  }

  @Override
  public CompletionStage<Optional<SubscriptionRecord>> confirmSubscription(String subscriptionArn,
                                                                           boolean authenticated,
                                                                           boolean authenticateOnUnsubscribe) {
    return changed(topicOf(subscriptionArn),
        store.confirmSubscription(subscriptionArn, authenticated, authenticateOnUnsubscribe));
  }

  @Override
  public CompletionStage<Boolean> deleteSubscription(String subscriptionArn) {
    return changed(topicOf(subscriptionArn), store.deleteSubscription(subscriptionArn));
  }

  @Override
  public Scheduler deliveries() {
    return store.deliveries();
  }

  @Override
  public CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                            PublishOptions options, long now) {
    return store.publish(topicArn, entries, options, now);
  }

  @Override
  public CompletionStage<List<ArchivedMessage>> archived(String topicArn, long fromMillis, long toMillis, long now) {
    return store.archived(topicArn, fromMillis, toMillis, now);
  }
}

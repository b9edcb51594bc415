package io.sluice.kinesis.store;

import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link ConsumerStore} in this JVM's memory. */
public final class InMemoryConsumerStore implements ConsumerStore, InMemoryStoreEngine.Wipeable {
  private record Generation(StreamId stream, long generation) {}

  private final Map<Generation, TreeMap<String, ConsumerRecord>> consumers = new HashMap<>();
  private record Subscription(String token, long since, long until) {}

  private final Map<String, Subscription> subscriptions = new HashMap<>();

  @Override
  public synchronized CompletionStage<Registered> register(ConsumerRecord consumer, int limit, long now) {
    TreeMap<String, ConsumerRecord> all = live(new Generation(consumer.stream(), consumer.streamGeneration()), now);
    Registered result;
    if (all.containsKey(consumer.name())) {
      result = Registered.NAME_IN_USE;
    } else if (all.size() >= limit) {
      result = Registered.LIMIT_REACHED;
    } else {
      all.put(consumer.name(), consumer);
      result = Registered.STORED;
    }
    return CompletableFuture.completedFuture(result);
  }

  @Override
  public synchronized CompletionStage<Optional<ConsumerRecord>> find(StreamId stream, long generation, String name,
                                                                     long now) {
    return CompletableFuture.completedFuture(Optional.ofNullable(live(new Generation(stream, generation), now)
        .get(name)));
  }

  @Override
  public synchronized CompletionStage<List<ConsumerRecord>> list(StreamId stream, long generation, long now) {
    return CompletableFuture.completedFuture(List.copyOf(live(new Generation(stream, generation), now).values()));
  }

  @Override
  public synchronized CompletionStage<Optional<ConsumerRecord>> deregister(StreamId stream, long generation,
                                                                           String name, long goneMillis, long now) {
    TreeMap<String, ConsumerRecord> all = live(new Generation(stream, generation), now);
    ConsumerRecord found = all.get(name);
    if (found != null && found.goneMillis() == null) {
      found = found.deletedUntil(goneMillis);
      all.put(name, found);
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(found));
  }

  @Override
  public synchronized CompletionStage<Boolean> subscribe(String consumerArn, int shard, String token,
                                                         long refuseMillis, long keepMillis, long now) {
    subscriptions.values().removeIf(held -> held.until() <= now);
    String key = consumerArn + "#" + shard;
    Subscription held = subscriptions.get(key);
    if (held != null && now < held.since() + refuseMillis) {
      return CompletableFuture.completedFuture(false);
    }
    subscriptions.put(key, new Subscription(token, now, now + keepMillis));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Optional<String>> subscription(String consumerArn, int shard, long now) {
    Subscription held = subscriptions.get(consumerArn + "#" + shard);
    return CompletableFuture.completedFuture(Optional.ofNullable(held).filter(h -> now < h.until())
        .map(Subscription::token));
  }

  /** The consumers of a stream generation that exist at {@code now}; those gone are dropped. */
  private TreeMap<String, ConsumerRecord> live(Generation generation, long now) {
    TreeMap<String, ConsumerRecord> all = consumers.computeIfAbsent(generation, g -> new TreeMap<>());
    all.values().removeIf(c -> !c.exists(now));
    return all;
  }

  @Override
  public synchronized void wipe() {
    consumers.clear();
    subscriptions.clear();
  }
}

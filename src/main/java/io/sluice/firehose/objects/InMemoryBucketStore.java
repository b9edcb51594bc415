package io.sluice.firehose.objects;

import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link BucketStore} in this JVM's memory: a sorted map of objects per bucket. */
public final class InMemoryBucketStore implements BucketStore, InMemoryStoreEngine.Wipeable {
  private final Map<String, Held> buckets = new ConcurrentHashMap<>();

  private record Stored(StoredObject object, byte[] body) {}

  private record Held(Bucket bucket, NavigableMap<String, Stored> objects) {}

  @Override
  public CompletionStage<Bucket> put(String account, String bucket, StoredObject object, byte[] body) {
    Held held = buckets.computeIfAbsent(bucket,
        name -> new Held(new Bucket(name, account, object.lastModifiedMillis()), new ConcurrentSkipListMap<>(KeyOrder.UTF8)));
    held.objects().put(object.key(), new Stored(object, body.clone()));
    return CompletableFuture.completedFuture(held.bucket());
  }

  @Override
  public CompletionStage<Optional<Bucket>> bucket(String name) {
    return CompletableFuture.completedFuture(Optional.ofNullable(buckets.get(name)).map(Held::bucket));
  }

  @Override
  public CompletionStage<List<Bucket>> buckets(String account) {
    return CompletableFuture.completedFuture(buckets.values().stream().map(Held::bucket)
        .filter(b -> b.owner().equals(account)).sorted((a, b) -> KeyOrder.compare(a.name(), b.name())).toList());
  }

  @Override
  public CompletionStage<List<StoredObject>> list(String bucket, String after, int limit) {
    Held held = buckets.get(bucket);
    List<StoredObject> page = new ArrayList<>();
    if (held != null) {
      var from = after == null ? held.objects() : held.objects().tailMap(after, false);
      for (Stored s : from.values()) {
        if (page.size() >= limit) {
          break;
        }
        page.add(s.object());
      }
    }
    return CompletableFuture.completedFuture(page);
  }

  @Override
  public CompletionStage<Optional<ObjectContent>> read(String bucket, String key, long first, long last) {
    return CompletableFuture.completedFuture(stored(bucket, key)
        .map(s -> new ObjectContent(s.object(), KeyOrder.range(s.body(), first, last))));
  }

  @Override
  public CompletionStage<Optional<StoredObject>> head(String bucket, String key) {
    return CompletableFuture.completedFuture(stored(bucket, key).map(Stored::object));
  }

  private Optional<Stored> stored(String bucket, String key) {
    Held held = buckets.get(bucket);
    return held == null ? Optional.empty() : Optional.ofNullable(held.objects().get(key));
  }

  @Override
  public void wipe() {
    buckets.clear();
  }
}

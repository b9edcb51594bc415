package io.sluice.firehose.store;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link DeliveryStreamStore} in this JVM's memory: each stream's buffer a list, under this store's lock. */
public final class InMemoryDeliveryStreamStore implements DeliveryStreamStore, InMemoryStoreEngine.Wipeable {
  private final Map<DeliveryStreamId, Held> streams = new HashMap<>();

  private static final class Held {
    DeliveryStreamRecord record;
    final List<BufferedRecord> buffer = new ArrayList<>();
    long lastMillis;
    long number;

    Held(DeliveryStreamRecord record) {
      this.record = record;
    }
  }

  @Override
  public synchronized CompletionStage<Optional<DeliveryStreamRecord>> create(DeliveryStreamRecord stream, long now) {
    Held existing = live(stream.id(), now);
    if (existing != null) {
      return done(Optional.of(existing.record));
    }
    streams.put(stream.id(), new Held(stream));
    return done(Optional.empty());
  }

  @Override
  public synchronized CompletionStage<Optional<DeliveryStreamRecord>> find(DeliveryStreamId id, long now) {
    return done(Optional.ofNullable(live(id, now)).map(h -> h.record));
  }

  @Override
  public synchronized CompletionStage<List<DeliveryStreamRecord>> list(String region, String account, long now) {
    return done(streams.values().stream()
        .map(h -> h.record)
        .filter(r -> r.exists(now) && r.id().region().equals(region) && r.id().account().equals(account))
        .sorted(Comparator.comparing(r -> r.id().name()))
        .toList());
  }

  @Override
  public synchronized CompletionStage<Boolean> replace(DeliveryStreamRecord current, DeliveryStreamRecord updated,
                                                       long now) {
    Held held = live(current.id(), now);
    if (held == null || held.record.goneMillis() != null || held.record.createdMillis() != current.createdMillis()
        || held.record.revision() != current.revision()) {
      return done(false);
    }
    held.record = updated;
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Optional<DeliveryStreamRecord>> delete(DeliveryStreamId id, long goneMillis,
                                                                             long now) {
    Held held = live(id, now);
    if (held == null) {
      return done(Optional.empty());
    }
    if (held.record.goneMillis() == null) {
      held.record = held.record.deleting(goneMillis);
    }
    held.buffer.clear();
    return done(Optional.of(held.record));
  }

  @Override
  public synchronized CompletionStage<List<String>> append(DeliveryStreamRecord stream, List<byte[]> records,
                                                           long now) {
    Held held = live(stream.id(), now);
    if (held == null || held.record.goneMillis() != null || held.record.createdMillis() != stream.createdMillis()) {
      return done(List.of());
    }
    long millis = Math.max(now, held.lastMillis);
    if (millis != held.lastMillis) {
      held.lastMillis = millis;
      held.number = 0;
    }
    List<String> ids = new ArrayList<>(records.size());
    for (byte[] data : records) {
      String id = BufferedRecord.recordId(stream.createdMillis(), millis, held.number++);
      held.buffer.add(new BufferedRecord(id, millis, data.clone()));
      ids.add(id);
    }
    return done(ids);
  }

  @Override
  public synchronized CompletionStage<List<BufferedRecord>> read(DeliveryStreamRecord stream, String after,
                                                                 int limit) {
    Held held = streams.get(stream.id());
    if (held == null || held.record.createdMillis() != stream.createdMillis()) {
      return done(List.of());
    }
    return done(held.buffer.stream()
        .filter(r -> after == null || r.recordId().compareTo(after) > 0)
        .limit(limit)
        .toList());
  }

  @Override
  public synchronized void wipe() {
    streams.clear();
  }

  private Held live(DeliveryStreamId id, long now) {
    Held held = streams.get(id);
    if (held != null && !held.record.exists(now)) {
      streams.remove(id);
      return null;
    }
    return held;
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}

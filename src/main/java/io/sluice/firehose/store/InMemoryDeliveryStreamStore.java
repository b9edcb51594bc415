package io.sluice.firehose.store;

import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link DeliveryStreamStore} in this JVM's memory: each stream's buffer a list, under this store's
 * lock; its flushes in an {@link InMemoryScheduler} changed under that lock too, so that a step and
 * the flush it schedules are one.
 */
public final class InMemoryDeliveryStreamStore implements DeliveryStreamStore, InMemoryStoreEngine.Wipeable {
  private final Map<DeliveryStreamId, Held> streams = new HashMap<>();
  private final InMemoryScheduler flushes = new InMemoryScheduler();

  private static final class Held {
    DeliveryStreamRecord record;
    final List<BufferedRecord> buffer = new ArrayList<>();
    long lastMillis;
    long number;
    final Map<String, SourceCheckpoint> checkpoints = new HashMap<>();
    /** Bytes buffered and not yet delivered. */
    long pendingBytes;
    /** Per destination id, the last RecordId its flushes delivered. */
    final Map<String, String> cursors = new HashMap<>();

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
    flushes.removePartition(DeliveryStreamStore.flushPartition(stream.id()));
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
    flushes.removePartition(DeliveryStreamStore.flushPartition(id));
    return done(Optional.of(held.record));
  }

  @Override
  public synchronized CompletionStage<Appended> append(DeliveryStreamRecord stream, List<byte[]> records,
                                                       FlushPlan plan, long now) {
    Held held = live(stream.id(), now);
    if (held == null || held.record.goneMillis() != null || held.record.createdMillis() != stream.createdMillis()) {
      return done(Appended.nothing());
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
      held.pendingBytes += StoredRecords.dataLength(data);
      ids.add(id);
    }
    return done(new Appended(ids, schedule(held, plan, millis, now)));
  }

  /** As {@code append} in {@code lua/firehose/stream.lua}: true when the plan's holder took the flush. */
  private boolean schedule(Held held, FlushPlan plan, long arrival, long now) {
    ItemRef ref = new ItemRef(DeliveryStreamStore.flushPartition(held.record.id()), plan.destinationId());
    Item item = flushes.find(ref);
    boolean atOnce = dueNow(held, plan);
    if (item != null && (item.holder() != null && !item.holder().isEmpty() || !atOnce && item.dueAt() > now)) {
      return false;
    }
    if ((atOnce || item != null && item.dueAt() <= now) && plan.holder() != null) {
      flushes.add(List.of(flushItem(held, ref, plan.leaseUntil(), plan.holder())), now);
      return true;
    }
    long due = item != null || atOnce ? now : arrival + plan.intervalMillis();
    flushes.add(List.of(flushItem(held, ref, due, null)), now);
    return false;
  }

  private static boolean dueNow(Held held, FlushPlan plan) {
    return plan.intervalMillis() == 0 || held.pendingBytes >= plan.sizeBytes();
  }

  private static Item flushItem(Held held, ItemRef ref, long due, String holder) {
    return new Item(ref.id(), ref.partition(), null, 0, due, null,
        Long.toString(held.record.createdMillis()).getBytes(StandardCharsets.UTF_8), holder);
  }

  @Override
  public synchronized CompletionStage<List<BufferedRecord>> pending(DeliveryStreamRecord stream, String destinationId,
                                                                    int maxCount, long maxBytes) {
    Held held = generation(stream);
    if (held == null) {
      return done(List.of());
    }
    String after = held.cursors.get(destinationId);
    List<BufferedRecord> out = new ArrayList<>();
    long bytes = 0;
    for (BufferedRecord r : held.buffer) {
      if (after != null && r.recordId().compareTo(after) <= 0) {
        continue;
      }
      if (out.size() >= maxCount || bytes >= maxBytes || !out.isEmpty() && bytes + StoredRecords.dataLength(r.data()) > maxBytes) {
        break;
      }
      out.add(r);
      bytes += StoredRecords.dataLength(r.data());
    }
    return done(out);
  }

  @Override
  public synchronized CompletionStage<NextFlush> flushed(DeliveryStreamRecord stream, FlushPlan plan,
                                                         String lastRecordId, long bytes, long now) {
    Held held = live(stream.id(), now);
    if (held == null || held.record.goneMillis() != null || held.record.createdMillis() != stream.createdMillis()) {
      return done(NextFlush.GONE);
    }
    ItemRef ref = new ItemRef(DeliveryStreamStore.flushPartition(stream.id()), plan.destinationId());
    Item item = flushes.find(ref);
    if (item == null || plan.holder() == null || !plan.holder().equals(item.holder())) {
      return done(NextFlush.LOST);
    }
    if (lastRecordId != null) {
      held.cursors.put(plan.destinationId(), lastRecordId);
      held.buffer.removeIf(r -> r.recordId().compareTo(lastRecordId) <= 0);
      held.pendingBytes = Math.max(0, held.pendingBytes - bytes);
    }
    String cursor = held.cursors.get(plan.destinationId());
    BufferedRecord first = held.buffer.stream()
        .filter(r -> cursor == null || r.recordId().compareTo(cursor) > 0).findFirst().orElse(null);
    if (first == null) {
      flushes.complete(List.of(ref));
      return done(NextFlush.NONE);
    }
    long due = first.arrivalMillis() + plan.intervalMillis();
    if (dueNow(held, plan) || due <= now) {
      flushes.renew(ref, plan.holder(), plan.leaseUntil());
      return done(NextFlush.NOW);
    }
    flushes.add(List.of(flushItem(held, ref, due, null)), now);
    return done(NextFlush.LATER);
  }

  @Override
  public Scheduler flushes() {
    return flushes;
  }

  @Override
  public synchronized CompletionStage<List<BufferedRecord>> read(DeliveryStreamRecord stream, String after,
                                                                 int limit) {
    Held held = generation(stream);
    if (held == null) {
      return done(List.of());
    }
    return done(held.buffer.stream()
        .filter(r -> after == null || r.recordId().compareTo(after) > 0)
        .limit(limit)
        .toList());
  }

  @Override
  public synchronized CompletionStage<Optional<Appended>> appendFromSource(
      DeliveryStreamRecord stream, String shardId, SourceCheckpoint expected, SourceCheckpoint checkpoint,
      List<byte[]> records, FlushPlan plan, long now) {
    Held held = live(stream.id(), now);
    if (held == null || held.record.goneMillis() != null || held.record.createdMillis() != stream.createdMillis()
        || !held.checkpoints.getOrDefault(shardId, SourceCheckpoint.NONE).equals(expected)) {
      return done(Optional.empty());
    }
    held.checkpoints.put(shardId, checkpoint);
    if (records.isEmpty()) {
      return done(Optional.of(new Appended(List.of(), false)));
    }
    return append(stream, records, plan, now).thenApply(Optional::of);
  }

  @Override
  public synchronized CompletionStage<Map<String, SourceCheckpoint>> checkpoints(DeliveryStreamRecord stream) {
    Held held = generation(stream);
    return done(held == null ? Map.of() : Map.copyOf(held.checkpoints));
  }

  @Override
  public synchronized void wipe() {
    streams.clear();
    flushes.wipe();
  }

  /** The stream's entry if it is of {@code stream}'s generation. */
  private Held generation(DeliveryStreamRecord stream) {
    Held held = streams.get(stream.id());
    return held == null || held.record.createdMillis() != stream.createdMillis() ? null : held;
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

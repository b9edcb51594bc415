package io.sluice.storage.scheduler;

import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Scheduler} in this JVM's memory. One monitor guards all state and no method waits for
 * anything, so every method is one atomic step and completes before it returns: a store of the
 * same JVM can call it while it holds its own lock, making the items part of its own step (an SNS
 * publish creates its deliveries so). Payloads are copied in; the arrays handed out are the stored
 * ones, not to be changed.
 */
public final class InMemoryScheduler implements Scheduler, InMemoryStoreEngine.Wipeable {
  private static final Comparator<Entry> BY_DUE = Comparator.comparingLong(Entry::dueAt)
      .thenComparing(Entry::id).thenComparing(Entry::partition);

  /** An item as stored; its payload lives in its partition's payloads. */
  private record Entry(String id, String partition, String tag, int attempt, long dueAt, String payloadKey,
                       String holder) {

    Entry due(long newDueAt, String newHolder, int newAttempt) {
      return new Entry(id, partition, tag, newAttempt, newDueAt, payloadKey, newHolder);
    }
  }

  /** A payload and how many items of its partition use it. */
  private static final class Payload {
    final byte[] bytes;
    int references;

    Payload(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  private static final class Partition {
    final Map<String, Entry> items = new HashMap<>();
    final Map<String, Payload> payloads = new HashMap<>();
  }

  private final Map<String, Partition> partitions = new HashMap<>();
  private final NavigableSet<Entry> byDue = new TreeSet<>(BY_DUE);

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public synchronized void wipe() {
    partitions.clear();
    byDue.clear();
  }

  /** The item {@code ref} names as it is now, or null: for a store of this JVM deciding within its own step. */
  public synchronized Item find(ItemRef ref) {
    Partition p = partitions.get(ref.partition());
    Entry e = p == null ? null : p.items.get(ref.id());
    return e == null ? null : item(p, e);
  }

  @Override
  public synchronized CompletionStage<Void> add(List<Item> items, long now) {
    for (Item item : items) {
      Partition p = partitions.computeIfAbsent(item.partition(), k -> new Partition());
      remove(p, item.id());
      p.payloads.computeIfAbsent(item.payloadKey(), k -> new Payload(item.payload().clone())).references++;
      put(p, new Entry(item.id(), item.partition(), item.tag(), item.attempt(), item.dueAt(), item.payloadKey(),
          item.holder()));
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<List<Item>> claim(long now, int max, String owner, long leaseUntil) {
    String holder = Scheduler.newHolder(owner);
    List<Entry> taken = new ArrayList<>();
    Iterator<Entry> it = byDue.iterator();
    while (it.hasNext() && taken.size() < max) {
      Entry e = it.next();
      if (e.dueAt() > now) {
        break;
      }
      it.remove();
      taken.add(e);
    }
    List<Item> claimed = new ArrayList<>(taken.size());
    for (Entry e : taken) {
      Partition p = partitions.get(e.partition());
      Entry held = e.due(leaseUntil, holder, e.attempt());
      put(p, held);
      claimed.add(item(p, held));
    }
    return done(claimed);
  }

  @Override
  public synchronized CompletionStage<Boolean> renew(ItemRef ref, String holder, long leaseUntil) {
    Entry e = heldBy(ref, holder);
    if (e == null) {
      return done(false);
    }
    byDue.remove(e);
    put(partitions.get(ref.partition()), e.due(leaseUntil, holder, e.attempt()));
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Boolean> reschedule(ItemRef ref, String holder, int attempt, long dueAt) {
    Entry e = heldBy(ref, holder);
    if (e == null) {
      return done(false);
    }
    byDue.remove(e);
    put(partitions.get(ref.partition()), e.due(dueAt, holder, attempt));
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Void> complete(List<ItemRef> refs) {
    for (ItemRef ref : refs) {
      Partition p = partitions.get(ref.partition());
      if (p != null) {
        remove(p, ref.id());
        dropIfEmpty(ref.partition(), p);
      }
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> removeTag(String partition, String tag) {
    Partition p = partitions.get(partition);
    if (p != null) {
      List<String> ids = p.items.values().stream().filter(e -> tag.equals(e.tag())).map(Entry::id).toList();
      ids.forEach(id -> remove(p, id));
      dropIfEmpty(partition, p);
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> removePartition(String partition) {
    Partition p = partitions.remove(partition);
    if (p != null) {
      p.items.values().forEach(byDue::remove);
    }
    return done(null);
  }

  private Entry heldBy(ItemRef ref, String holder) {
    Partition p = partitions.get(ref.partition());
    Entry e = p == null ? null : p.items.get(ref.id());
    return e != null && holder != null && holder.equals(e.holder()) ? e : null;
  }

  private void put(Partition p, Entry e) {
    p.items.put(e.id(), e);
    byDue.add(e);
  }

  private void remove(Partition p, String id) {
    Entry e = p.items.remove(id);
    if (e == null) {
      return;
    }
    byDue.remove(e);
    Payload payload = p.payloads.get(e.payloadKey());
    if (payload != null && --payload.references <= 0) {
      p.payloads.remove(e.payloadKey());
    }
  }

  private void dropIfEmpty(String partition, Partition p) {
    if (p.items.isEmpty()) {
      partitions.remove(partition);
    }
  }

  private static Item item(Partition p, Entry e) {
    return new Item(e.id(), e.partition(), e.tag(), e.attempt(), e.dueAt(), e.payloadKey(),
        p.payloads.get(e.payloadKey()).bytes, e.holder());
  }
}

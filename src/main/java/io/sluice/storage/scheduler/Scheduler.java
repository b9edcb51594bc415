package io.sluice.storage.scheduler;

import io.sluice.ids.RandomIds;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A durable scheduler: items that fall due at a time, each made by one node under a lease, renewed
 * while that node works on it and taken over by another node when the lease runs out (its holder
 * died or stalled). Knows no service: SNS keeps its deliveries here (partition: the topic, tag: the
 * subscription), Firehose its buffers, SWF its timers.
 *
 * <p>An item belongs to a <em>partition</em> (the resource it is work for) and may carry a
 * <em>tag</em> (a part of that resource whose items can be removed together). Every operation on
 * one partition is one atomic step; a claim spans all partitions. Time is always passed in as
 * {@code now} (epoch millis), never read.
 *
 * <p><b>Due times and leases.</b> An item is due once its due time is at or before {@code now}.
 * {@link #claim} takes due items, earliest first across every partition, and holds them under a
 * new lease: their holder becomes a string no other claim ever gets, their due time the end of the
 * lease. An item is added either free, due at its due time, or already held (its holder from
 * {@link #newHolder}), as a node does with work it starts at once. While it holds an item, the
 * holder {@linkplain #renew renews} the lease (moving the due time on) and {@linkplain #reschedule
 * reschedules} it (its attempt count and due time); both succeed only while the item is still held
 * under that same holder. A lease that ran out lets another claim take the item over, after which
 * the old holder's renewal fails and it must stop working on the item: at most one holder works on
 * an item at a time, as long as each renews before its lease ends. A holder that renews after its
 * lease ended but before anyone claimed the item keeps it. Items are removed by
 * {@linkplain #complete completing} them; the work is therefore done at least once. Once added, an
 * item is never lost, but a crash in the middle of a step may let it be claimed late (on Redis, by
 * up to {@link RedisScheduler#SWEEP_INTERVAL_MILLIS}; see there).
 *
 * <p><b>Payloads.</b> An item's payload is opaque bytes. Items of one partition that name the same
 * payload key share one stored copy: the payload given with the first of them is kept until the
 * last of them is removed, and the payloads given with the others are ignored (a published message
 * stored once for all its deliveries).
 *
 * <p>Implementations must pass {@code SchedulerContract} in the test sources.
 */
public interface Scheduler {

  /**
   * One item.
   *
   * @param id         unique within its partition; adding an item of an existing id replaces it
   * @param partition  the resource the item belongs to
   * @param tag        a part of the partition ({@link #removeTag}), or null
   * @param attempt    how many attempts were made so far (kept for the holder, not interpreted)
   * @param dueAt      when the item falls due; while it is held, the end of the lease
   * @param payloadKey the key its payload is shared under within the partition (null: the id)
   * @param payload    opaque bytes
   * @param holder     the lease it is held under, or null when free
   */
  record Item(String id, String partition, String tag, int attempt, long dueAt, String payloadKey, byte[] payload,
              String holder) {

    public Item {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(partition, "partition");
      Objects.requireNonNull(payload, "payload");
      payloadKey = payloadKey == null ? id : payloadKey;
    }

    public ItemRef ref() {
      return new ItemRef(partition, id);
    }
  }

  /** Names one item. */
  record ItemRef(String partition, String id) {}

  /**
   * Opens a scheduler named {@code name} (e.g. {@code sns-deliveries}) on the engine the factory is
   * given to: a new one in memory, or the one of that name in Redis.
   */
  static StoreFactory<Scheduler> named(String name) {
    return new StoreFactory<>() {
      @Override
      public Scheduler inMemory(InMemoryStoreEngine engine) {
        return engine.keep(new InMemoryScheduler());
      }

      @Override
      public Scheduler redis(RedisStoreEngine engine) {
        return RedisScheduler.open(engine, name);
      }
    };
  }

  /** A holder no other lease has: {@code <owner>/<random>}, the owner naming the node for people. */
  static String newHolder(String owner) {
    return owner + "/" + RandomIds.uuid();
  }

  /**
   * Adds items, of any partitions, in one step per partition; an item of an id that exists in its
   * partition replaces it. An item with a holder is held by it until its due time.
   */
  CompletionStage<Void> add(List<Item> items, long now);

  /**
   * Up to {@code max} items, of any partitions, due at {@code now}, earliest due first (ties by id),
   * each now held under one new lease of {@code owner} until {@code leaseUntil}: the items come back
   * with that holder, that due time and their payloads.
   */
  CompletionStage<List<Item>> claim(long now, int max, String owner, long leaseUntil);

  /**
   * Extends the lease of an item to {@code leaseUntil}; false (and nothing changes) if the item is
   * gone or no longer held by {@code holder}: another node claimed it since, so the caller stops.
   */
  CompletionStage<Boolean> renew(ItemRef item, String holder, long leaseUntil);

  /**
   * Stores the item's new attempt count and due time; it stays held by {@code holder} until then.
   * False (and nothing changes) if the item is gone or no longer held by {@code holder}.
   */
  CompletionStage<Boolean> reschedule(ItemRef item, String holder, int attempt, long dueAt);

  /** Removes items, whoever holds them, in one step per partition; gone ones are ignored. */
  CompletionStage<Void> complete(List<ItemRef> items);

  /** Removes every item of a tag of a partition. */
  CompletionStage<Void> removeTag(String partition, String tag);

  /** Removes every item of a partition. */
  CompletionStage<Void> removePartition(String partition);
}

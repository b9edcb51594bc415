package io.sluice.storage.scheduler;

import static io.sluice.storage.redis.RedisReplies.orEmpty;
import static io.sluice.storage.redis.RedisReplies.text;

import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.storage.redis.RedisStoreEngine;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Scheduler} in Redis, standalone or Cluster, shared by every Sluice node. Its keys live in
 * their own namespace ({@code <keyPrefix>:scheduler:<name>:}); each partition's keys carry the
 * partition as their hash tag ({@code {<partition>}}, layout in {@code lua/scheduler.lua}), so a
 * service whose resource keys carry the same tag can add and remove its items in its own script
 * (with {@code --@use scheduler} and the keys of {@link #partitionKeys}) in the same step as its own
 * state, as an SNS publish creates its deliveries. Every step on one partition is one script call.
 *
 * <p><b>The due index.</b> Claims find due partitions through a due index ({@code index:{<name>}:due},
 * scored with at most each partition's earliest due time) beside a registry of the partitions that
 * may hold items. Both span slots, so they are updated after the partition's step, in a second round
 * trip ({@code lua/scheduler/due_index.lua}): adding and rescheduling only lower a partition's score
 * (and register it); a claim sets it to the earliest due time it saw, unless a later partition
 * version (a step that raced the claim) was indexed meanwhile. Items themselves are always in their
 * partition once its step ran, so an index entry lost to a crash between the two round trips delays
 * them but never loses them: a {@link #claim} that finds nothing, and whose scheduler last swept
 * {@link #SWEEP_INTERVAL_MILLIS} or more ago (by the {@code now} it is given), re-indexes every
 * registered partition by its earliest due time, then claims again. A failed index update only
 * logs, for the same reason. When several partitions are due, a claim first reads each one's due
 * items (read-only, in parallel) so that only the {@code max} earliest overall are leased.
 *
 * <p>A partition is registered before its first item is added (by {@link #add}, or by the service
 * through {@link #track} when it creates the resource), so that the sweep knows it even if the index
 * update after that step is lost; a sweep reads every registered partition, so its cost grows with
 * their number. Removing a partition (by {@link #removePartition}, or by a service script and then
 * {@link #forget}) unregisters it.
 */
public final class RedisScheduler implements Scheduler {
  private static final Logger LOG = Logger.getLogger(RedisScheduler.class.getName());
  private static final RedisScript PARTITION = RedisScript.load("scheduler/partition");
  private static final RedisScript INDEX = RedisScript.load("scheduler/due_index");
  /** A partition's keys, in the order of {@code lua/scheduler.lua}. */
  private static final List<String> PARTITION_SUFFIXES = List.of("items", "due", "bytag", "pay", "payref", "meta");
  private static final int CLAIM_ROUNDS = 3;
  private static final int CLAIMED_FIELDS = 6;
  private static final long NEVER = Long.MIN_VALUE;
  /** How long after a full sweep of the due index a claim that finds nothing sweeps again. */
  public static final long SWEEP_INTERVAL_MILLIS = 30_000;

  private final Redis redis;
  private final RedisKeys keys;
  private final List<String> indexKeys;
  private final AtomicLong lastSweep = new AtomicLong(NEVER);

  /**
   * The scheduler {@code name} (e.g. {@code sns-deliveries}), its keys under {@code root} (the
   * engine's keys).
   */
  public RedisScheduler(Redis redis, RedisKeys root, String name) {
    this.redis = redis;
    this.keys = root.namespace("scheduler").namespace(name);
    this.indexKeys = keys.namespace("index").tagged(name, List.of("due", "versions", "partitions"));
  }

  /** The scheduler {@code name} of an engine. */
  public static RedisScheduler open(RedisStoreEngine engine, String name) {
    return new RedisScheduler(engine.client(), engine.keys(), name);
  }

  // ---- for services whose own scripts use lua/scheduler.lua ------------------------------------

  /** The keys of a partition, in the order {@code sched_partition} of {@code lua/scheduler.lua} expects. */
  public List<String> partitionKeys(String partition) {
    return keys.tagged(partition, PARTITION_SUFFIXES);
  }

  /** Registers a partition for the sweep; call it before a script of yours first adds items to it. */
  public Future<Void> track(String partition) {
    return redis.send(Request.cmd(Command.SADD).arg(indexKeys.get(2)).arg(partition)).mapEmpty();
  }

  /**
   * Tells the due index that a script of yours made an item of the partition due at {@code dueAt},
   * earlier than all it had: call it with the version {@code sched_added} answered, if not 0.
   */
  public Future<Void> lowered(String partition, long version, long dueAt) {
    return index("lower", List.of(new PartitionDue(partition, version, dueAt)));
  }

  /** Unregisters a partition that a script of yours removed ({@code sched_drop}). */
  public Future<Void> forget(String partition) {
    return INDEX.run(redis, indexKeys, List.of("forget", partition)).mapEmpty();
  }

  /**
   * Unregisters a partition that a script of yours removed ({@code sched_drop}) at {@code version}
   * (its {@code sched_version} just before), unless a later step made it again and indexed it
   * meanwhile: for a partition that other steps may use again at any time.
   */
  public Future<Void> forget(String partition, long version) {
    return INDEX.run(redis, indexKeys, List.of("forget_upto", partition, version)).mapEmpty();
  }

  // ---- the scheduler ---------------------------------------------------------------------------

  @Override
  public CompletionStage<Void> add(List<Item> items, long now) {
    Map<String, List<Object>> byPartition = new LinkedHashMap<>();
    for (Item item : items) {
      List<Object> args = byPartition.computeIfAbsent(item.partition(), p -> new ArrayList<>(List.of("add", now)));
      args.add(item.id());
      args.add(orEmpty(item.tag()));
      args.add(item.attempt());
      args.add(item.dueAt());
      args.add(orEmpty(item.holder()));
      args.add(item.payloadKey());
      args.add(item.payload());
    }
    List<Future<Void>> steps = new ArrayList<>(byPartition.size());
    byPartition.forEach((partition, args) -> steps.add(track(partition)
        .compose(v -> PARTITION.run(redis, partitionKeys(partition), args))
        .compose(r -> r.get(0).toLong() == 0 ? Future.<Void>succeededFuture()
            : lowered(partition, r.get(0).toLong(), r.get(1).toLong()))));
    return Future.all(steps).<Void>mapEmpty().toCompletionStage();
  }

  /** A partition as of a version: its earliest due time, or -1 when it has no item. */
  record PartitionDue(String partition, long version, long earliest) {}

  /** An item just claimed, with the due time it had before (the order of a claim's answer). */
  private record Claimed(Item item, long wasDue) {}

  /** What a read of a partition saw: its state, and its due items' ids and times. */
  record Peek(PartitionDue state, List<String> dueIds, List<Long> dueTimes) {}

  /** A claim on one partition: the items, and the partition afterwards. */
  private record PartitionClaim(List<Claimed> claimed, PartitionDue state) {}

  /** One pass over the due index: what it claimed and whether the index named any partition. */
  private record Pass(List<Claimed> claimed, boolean sawPartitions) {}

  @Override
  public CompletionStage<List<Item>> claim(long now, int max, String owner, long leaseUntil) {
    if (max <= 0) {
      return Future.succeededFuture(List.<Item>of()).toCompletionStage();
    }
    Lease lease = new Lease(Scheduler.newHolder(owner), leaseUntil);
    return claimIndexed(now, max, lease, 1).compose(found -> {
      if (!found.isEmpty() || !sweepIsDue(now)) {
        return Future.succeededFuture(found);
      }
      return sweep(now).compose(anyDue -> anyDue ? claimIndexed(now, max, lease, CLAIM_ROUNDS)
          : Future.succeededFuture(found));
    }).map(claimed -> claimed.stream()
        .sorted(Comparator.comparingLong(Claimed::wasDue).thenComparing(c -> c.item().id()))
        .map(Claimed::item)
        .toList()).toCompletionStage();
  }

  private record Lease(String holder, long until) {}

  /**
   * Claims through the due index; a pass that found only partitions whose index entry was too early
   * (they are re-indexed by it) is followed by another, up to {@link #CLAIM_ROUNDS}.
   */
  private Future<List<Claimed>> claimIndexed(long now, int max, Lease lease, int round) {
    return claimPass(now, max, lease).compose(pass -> pass.claimed().isEmpty() && pass.sawPartitions()
        && round < CLAIM_ROUNDS ? claimIndexed(now, max, lease, round + 1)
        : Future.succeededFuture(pass.claimed()));
  }

  /**
   * The partitions indexed as due; with one, a claim of up to {@code max} on it; with several, a read
   * of each one's due items picks the {@code max} earliest overall, then each partition claims its
   * share. Either way the index is then set from what the partitions answered.
   */
  private Future<Pass> claimPass(long now, int max, Lease lease) {
    Request duePartitions = Request.cmd(Command.ZRANGEBYSCORE).arg(indexKeys.get(0)).arg("-inf").arg(now)
        .arg("LIMIT").arg(0).arg(max);
    return redis.send(duePartitions).compose(r -> {
      List<String> partitions = r.stream().map(Response::toString).toList();
      if (partitions.isEmpty()) {
        return Future.succeededFuture(new Pass(List.of(), false));
      }
      if (partitions.size() == 1) {
        return claimOn(partitions.get(0), now, max, lease).compose(c -> index("exact", List.of(c.state()))
            .map(new Pass(c.claimed(), true)));
      }
      List<Future<Peek>> peeks = partitions.stream().map(p -> peek(p, now, max)).toList();
      return Future.all(peeks).compose(done -> {
        Map<String, Integer> shares = shares(peeks.stream().map(Future::result).toList(), max);
        List<Future<PartitionClaim>> claims = new ArrayList<>();
        List<PartitionDue> states = new ArrayList<>();
        for (Future<Peek> f : peeks) {
          Peek peek = f.result();
          Integer share = shares.get(peek.state().partition());
          if (share == null) {
            states.add(peek.state());
          } else {
            claims.add(claimOn(peek.state().partition(), now, share, lease));
          }
        }
        return Future.all(claims).compose(all -> {
          List<Claimed> claimed = new ArrayList<>();
          for (Future<PartitionClaim> c : claims) {
            claimed.addAll(c.result().claimed());
            states.add(c.result().state());
          }
          return index("exact", states).map(new Pass(claimed, true));
        });
      });
    });
  }

  /** How many items each partition gives so that the {@code max} earliest due overall are taken. */
  private static Map<String, Integer> shares(List<Peek> peeks, int max) {
    record Due(String partition, String id, long at) {}
    List<Due> all = new ArrayList<>();
    for (Peek p : peeks) {
      for (int i = 0; i < p.dueIds().size(); i++) {
        all.add(new Due(p.state().partition(), p.dueIds().get(i), p.dueTimes().get(i)));
      }
    }
    all.sort(Comparator.comparingLong(Due::at).thenComparing(Due::id));
    Map<String, Integer> shares = new HashMap<>();
    for (Due d : all.subList(0, Math.min(max, all.size()))) {
      shares.merge(d.partition(), 1, Integer::sum);
    }
    return shares;
  }

  /** Reads a partition: its version, earliest due time, and up to {@code max} due items. */
  Future<Peek> peek(String partition, long now, int max) {
    return step(partition, "peek", now, max).map(r -> {
      List<String> ids = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (int i = 2; i + 1 < r.size(); i += 2) {
        ids.add(r.get(i).toString());
        times.add(Long.parseLong(r.get(i + 1).toString()));
      }
      return new Peek(new PartitionDue(partition, r.get(0).toLong(), r.get(1).toLong()), ids, times);
    });
  }

  private Future<PartitionClaim> claimOn(String partition, long now, int max, Lease lease) {
    return step(partition, "claim", now, max, lease.holder(), lease.until()).map(r -> {
      List<Claimed> claimed = new ArrayList<>();
      for (int i = 2; i + CLAIMED_FIELDS <= r.size(); i += CLAIMED_FIELDS) {
        Item item = new Item(r.get(i).toString(), partition, text(r.get(i + 1)), r.get(i + 2).toInteger(),
            lease.until(), r.get(i + 3).toString(), r.get(i + 4).toBytes(), lease.holder());
        claimed.add(new Claimed(item, r.get(i + 5).toLong()));
      }
      return new PartitionClaim(claimed, new PartitionDue(partition, r.get(0).toLong(), r.get(1).toLong()));
    });
  }

  /** Claims the right to sweep as of {@code now}: after the interval, or when time went back. */
  private boolean sweepIsDue(long now) {
    long last = lastSweep.get();
    boolean due = last == NEVER || now < last || now - last >= SWEEP_INTERVAL_MILLIS;
    return due && lastSweep.compareAndSet(last, now);
  }

  /** Re-indexes every registered partition by its items; true if any has an item due at {@code now}. */
  private Future<Boolean> sweep(long now) {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(indexKeys.get(2))).compose(members -> {
      List<Future<Peek>> peeks = members.stream().map(m -> peek(m.toString(), now, 0)).toList();
      return Future.all(peeks).compose(done -> {
        // A partition that never had an item (or was removed) reads as version 0: nothing to index.
        List<PartitionDue> states = peeks.stream().map(p -> p.result().state()).filter(s -> s.version() > 0)
            .toList();
        boolean anyDue = states.stream().anyMatch(s -> s.earliest() >= 0 && s.earliest() <= now);
        return index("exact", states).map(anyDue);
      });
    });
  }

  @Override
  public CompletionStage<Boolean> renew(ItemRef item, String holder, long leaseUntil) {
    if (holder == null) {
      return Future.succeededFuture(false).toCompletionStage();
    }
    return step(item.partition(), "renew", item.id(), holder, leaseUntil).map(r -> r.toLong() == 1)
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> reschedule(ItemRef item, String holder, int attempt, long dueAt) {
    if (holder == null) {
      return Future.succeededFuture(false).toCompletionStage();
    }
    return step(item.partition(), "reschedule", item.id(), holder, attempt, dueAt).compose(r -> {
      long version = r.toLong();
      return version == 0 ? Future.succeededFuture(false) : lowered(item.partition(), version, dueAt).map(true);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> complete(List<ItemRef> items) {
    Map<String, List<Object>> byPartition = new LinkedHashMap<>();
    for (ItemRef item : items) {
      byPartition.computeIfAbsent(item.partition(), p -> new ArrayList<>(List.of("complete"))).add(item.id());
    }
    List<Future<Response>> steps = new ArrayList<>(byPartition.size());
    byPartition.forEach((partition, args) -> steps.add(PARTITION.run(redis, partitionKeys(partition), args)));
    return Future.all(steps).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> removeTag(String partition, String tag) {
    return step(partition, "remove_tag", tag).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> removePartition(String partition) {
    return step(partition, "drop").compose(r -> forget(partition)).toCompletionStage();
  }

  /**
   * Updates the due index (see {@code lua/scheduler/due_index.lua}). A failure only logs: the step
   * before it is done (a service's step must not be repeated), and the sweep repairs the index.
   */
  Future<Void> index(String mode, List<PartitionDue> states) {
    if (states.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Object> args = new ArrayList<>(1 + states.size() * 3);
    args.add(mode);
    for (PartitionDue s : states) {
      args.add(s.partition());
      args.add(s.version());
      args.add(s.earliest());
    }
    return INDEX.run(redis, indexKeys, args).<Void>mapEmpty().recover(failure -> {
      LOG.log(Level.WARNING, "scheduler due index not updated; the next sweep repairs it", failure);
      return Future.succeededFuture();
    });
  }

  /** The due index's keys: due, versions, partitions (for tests). */
  List<String> indexKeys() {
    return indexKeys;
  }

  private Future<Response> step(String partition, String step, Object... args) {
    List<Object> all = new ArrayList<>(args.length + 1);
    all.add(step);
    all.addAll(List.of(args));
    return PARTITION.run(redis, partitionKeys(partition), all);
  }
}

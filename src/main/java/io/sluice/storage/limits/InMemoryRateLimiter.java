package io.sluice.storage.limits;

import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RateLimiter} in this JVM's memory. Levels are kept in thousandths of a unit, so a
 * millisecond's refill ({@code perSecond} thousandths) is exact, as in {@code lua/limit.lua}.
 * Groups whose buckets are all full again are forgotten once there are many (looked for at most once a
 * second).
 */
public final class InMemoryRateLimiter implements RateLimiter, InMemoryStoreEngine.Wipeable {
  private static final int FORGET_ABOVE = 10_000;

  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong();

  /** One bucket: its rate (the latest given), its level in thousandths of a unit, when it was last refilled. */
  private static final class Bucket {
    Rate rate;
    long level;
    long at;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.level = capacity();
      this.at = now;
    }

    long capacity() {
      return rate.burst() * 1000;
    }

    Bucket refill(long now) {
      if (now > at) {
        level += (now - at) * rate.perSecond();
        at = now;
      }
      level = Math.min(capacity(), level);
      return this;
    }
  }

  /** A group's buckets by rate name; used under its own lock. */
  private static final class Group {
    final Map<String, Bucket> buckets = new HashMap<>();

    List<Bucket> refilled(List<Rate> rates, long now) {
      List<Bucket> found = new ArrayList<>(rates.size());
      for (Rate r : rates) {
        Bucket b = buckets.computeIfAbsent(r.name(), n -> new Bucket(r, now));
        b.rate = r;
        found.add(b.refill(now));
      }
      return found;
    }

    boolean full(long now) {
      return buckets.values().stream().allMatch(b -> b.refill(now).level >= b.capacity());
    }
  }

  @Override
  public CompletionStage<List<Boolean>> take(String tag, String group, List<Rate> rates, List<long[]> costs,
                                             long now) {
    Group g = group(tag, group, now);
    List<Boolean> taken = new ArrayList<>(costs.size());
    synchronized (g) {
      List<Bucket> buckets = g.refilled(rates, now);
      for (long[] cost : costs) {
        boolean fits = true;
        for (int j = 0; j < buckets.size() && fits; j++) {
          fits = buckets.get(j).level >= Math.max(1, cost[j] * 1000);
        }
        if (fits) {
          for (int j = 0; j < buckets.size(); j++) {
            buckets.get(j).level -= cost[j] * 1000;
          }
        }
        taken.add(fits);
      }
    }
    return CompletableFuture.completedFuture(taken);
  }

  @Override
  public CompletionStage<Void> charge(String tag, String group, List<Rate> rates, long[] costs, long now) {
    Group g = group(tag, group, now);
    synchronized (g) {
      List<Bucket> buckets = g.refilled(rates, now);
      for (int j = 0; j < buckets.size(); j++) {
        buckets.get(j).level -= costs[j] * 1000;
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  private Group group(String tag, String group, long now) {
    long last = lastSweep.get();
    if (groups.size() > FORGET_ABOVE && (now - last >= 1000 || now < last) && lastSweep.compareAndSet(last, now)) {
      groups.values().removeIf(g -> {
        synchronized (g) {
          return g.full(now);
        }
      });
    }
    return groups.computeIfAbsent(tag + "\u0000" + group, k -> new Group());
  }

  @Override
  public void wipe() {
    groups.clear();
  }
}

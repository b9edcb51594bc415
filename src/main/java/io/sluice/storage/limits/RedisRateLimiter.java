package io.sluice.storage.limits;

import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link RateLimiter} in Redis, standalone or Cluster: a group is one hash under the tag it is given
 * ({@code <prefix>:<namespace>:{<tag>}:limit:<group>}), changed in one step by {@code lua/limit.lua}
 * and expiring when all its buckets would be full again, so every node counts against the same buckets.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final RedisScript LIMIT = RedisScript.load("limit");

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this limiter's keys live (the engine's keys, in the namespace of the service it limits) */
  public RedisRateLimiter(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<List<Boolean>> take(String tag, String group, List<Rate> rates, List<long[]> costs,
                                             long now) {
    List<Object> args = arguments("take", rates, now);
    costs.forEach(c -> add(args, c));
    return LIMIT.run(redis, List.of(keys.tagged(tag, "limit:" + group)), args).map(r -> {
      List<Boolean> taken = new ArrayList<>(r.size());
      for (Response one : r) {
        taken.add(one.toInteger() == 1);
      }
      return taken;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> charge(String tag, String group, List<Rate> rates, long[] costs, long now) {
    List<Object> args = arguments("charge", rates, now);
    add(args, costs);
    return LIMIT.run(redis, List.of(keys.tagged(tag, "limit:" + group)), args).<Void>mapEmpty().toCompletionStage();
  }

  private static List<Object> arguments(String step, List<Rate> rates, long now) {
    List<Object> args = new ArrayList<>();
    args.add(step);
    args.add(now);
    args.add(rates.size());
    for (Rate r : rates) {
      args.add(r.name());
      args.add(r.perSecond());
      args.add(r.burst());
    }
    return args;
  }

  private static void add(List<Object> args, long[] costs) {
    for (long c : costs) {
      args.add(c);
    }
  }
}

package io.sluice.storage.limits;

import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Token buckets shared by every node (Kinesis's throughput and call-rate limits, Firehose's Direct
 * PUT quota). A group of buckets
 * lives under a hash tag (the resource it limits, so that it sits in that resource's slot) and a
 * name; each bucket holds up to its burst and refills continuously at its rate, a millisecond's share
 * at a time. A bucket never used, or refilled since, is full. Every step on a group names all its rates.
 */
public interface RateLimiter {

  /**
   * A limiter on each engine: a new one in memory, or on Redis with its keys in the service's
   * {@code namespace} (so a group sits beside the resource it limits, under that resource's tag).
   */
  static StoreFactory<RateLimiter> under(String namespace) {
    return new StoreFactory<>() {
      @Override
      public RateLimiter inMemory(InMemoryStoreEngine engine) {
        return engine.keep(new InMemoryRateLimiter());
      }

      @Override
      public RateLimiter redis(RedisStoreEngine engine) {
        return new RedisRateLimiter(engine.client(), engine.keys().namespace(namespace));
      }
    };
  }

  /** A bucket of a group: {@code perSecond} units a second, at most {@code burst} held. */
  record Rate(String name, long perSecond, long burst) {
    /** A bucket holding at most one second's worth. */
    public Rate(String name, long perSecond) {
      this(name, perSecond, perSecond);
    }
  }

  /**
   * For each request in order, takes its costs ({@code costs[i][j]} units from bucket {@code rates[j]})
   * if every bucket holds at least that much, and at least something (so a cost of 0 asks only that the
   * bucket is not in debt); whether each request was taken. All in one step.
   */
  CompletionStage<List<Boolean>> take(String tag, String group, List<Rate> rates, List<long[]> costs, long now);

  /** Takes {@code costs} from the buckets whatever they hold, in one step: a bucket may go into debt. */
  CompletionStage<Void> charge(String tag, String group, List<Rate> rates, long[] costs, long now);
}

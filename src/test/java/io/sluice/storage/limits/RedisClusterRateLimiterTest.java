package io.sluice.storage.limits;

import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the rate limiter compatibility kit on a Redis Cluster of three masters:
 * every step must touch only one slot, or Redis answers CROSSSLOT. Skipped when there is no cluster.
 */
@FullLoop
class RedisClusterRateLimiterTest extends RateLimiterContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-limits");

  @Override
  protected RateLimiter freshLimiter() {
    return REDIS.wiped().open(RateLimiter.under("limits"));
  }
}

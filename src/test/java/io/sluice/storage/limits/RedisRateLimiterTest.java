package io.sluice.storage.limits;

import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the rate limiter compatibility kit, on its own key prefix of an audited
 * Redis (every key under the prefix, every script on its declared keys in one slot).
 */
@FullLoop
class RedisRateLimiterTest extends RateLimiterContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("limits");

  @Override
  protected RateLimiter freshLimiter() {
    return REDIS.wiped().open(RateLimiter.under("limits"));
  }
}

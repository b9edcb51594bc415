package io.sluice.storage.limits;

/** The in-memory engine against the rate limiter compatibility kit. */
class InMemoryRateLimiterTest extends RateLimiterContract {

  @Override
  protected RateLimiter freshLimiter() {
    return new InMemoryRateLimiter();
  }
}

package io.sluice.storage.limits;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.storage.limits.RateLimiter.Rate;
import io.sluice.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link RateLimiter}: every engine extends this class and must pass every
 * test. Time is a {@link ManualClock} passed as {@code now}; nothing sleeps.
 */
public abstract class RateLimiterContract {
  private static final String TAG = "shard:us-east-1/000000000000/orders/1600000000000/0";
  private static final List<Rate> CALLS = List.of(new Rate("calls", 5));
  private static final List<Rate> READS = List.of(new Rate("calls", 5), new Rate("bytes", 100));

  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected RateLimiter limiter;

  protected abstract RateLimiter freshLimiter();

  @BeforeEach
  void fresh() {
    limiter = freshLimiter();
  }

  private List<Boolean> take(String tag, String group, List<Rate> rates, long[]... costs) {
    return await(limiter.take(tag, group, rates, List.of(costs), clock.millis()));
  }

  private boolean call() {
    return take(TAG, "read", CALLS, new long[] {1}).getFirst();
  }

  @Test
  void aFullBucketGivesOneSecondsWorthThenAMillisecondsShareAtATime() {
    List<Boolean> burst = take(TAG, "read", CALLS, new long[] {1}, new long[] {1}, new long[] {1}, new long[] {1},
        new long[] {1}, new long[] {1});
    clock.advanceMillis(199);
    boolean at199 = call();
    clock.advanceMillis(1);
    boolean at200 = call();
    boolean again = call();

    assertEquals(List.of(true, true, true, true, true, false), burst);
    assertEquals(List.of(false, true, false), List.of(at199, at200, again));
  }

  @Test
  void onlyTheRequestsThatDoNotFitAreRefusedInOrder() {
    List<Rate> writes = List.of(new Rate("records", 1000), new Rate("bytes", 100));

    List<Boolean> taken = take(TAG, "write", writes, new long[] {1, 60}, new long[] {1, 60}, new long[] {1, 30},
        new long[] {1, 11});

    assertEquals(List.of(true, false, true, false), taken);
  }

  @Test
  void aChargeMayLeaveDebtThatBlocksEvenAFreeRequestUntilRepaid() {
    take(TAG, "read", READS, new long[] {1, 0});
    await(limiter.charge(TAG, "read", READS, new long[] {0, 500}, clock.millis()));

    boolean inDebt = take(TAG, "read", READS, new long[] {1, 0}).getFirst();
    clock.advanceMillis(4_000);
    boolean atZero = take(TAG, "read", READS, new long[] {1, 0}).getFirst();
    clock.advanceMillis(1);
    boolean repaid = take(TAG, "read", READS, new long[] {1, 0}).getFirst();

    assertEquals(List.of(false, false, true), List.of(inDebt, atZero, repaid));
  }

  @Test
  void aBucketHoldsUpToItsBurstAndNeverMore() {
    List<Rate> bytes = List.of(new Rate("bytes", 10, 50));
    boolean burst = take(TAG, "write", bytes, new long[] {50}).getFirst();
    boolean empty = take(TAG, "write", bytes, new long[] {1}).getFirst();
    clock.advanceSeconds(3_600);

    List<Boolean> afterAnHour = take(TAG, "write", bytes, new long[] {50}, new long[] {1});

    assertEquals(List.of(true, false), List.of(burst, empty));
    assertEquals(List.of(true, false), afterAnHour);
  }

  @Test
  void tagsAndGroupsHaveBucketsOfTheirOwn() {
    take(TAG, "read", CALLS, new long[] {5});

    boolean sameGroup = call();
    boolean otherGroup = take(TAG, "iterator", CALLS, new long[] {5}).getFirst();
    boolean otherTag = take("shard:us-east-1/000000000000/orders/1600000000000/1", "read", CALLS,
        new long[] {5}).getFirst();

    assertEquals(List.of(false, true, true), List.of(sameGroup, otherGroup, otherTag));
  }

  @Test
  void aClockBehindTheLastStepRefillsNothingAndTakesNothingBack() {
    take(TAG, "read", CALLS, new long[] {5});
    clock.advanceMillis(-1_000);

    boolean behind = call();
    clock.advanceMillis(1_200);
    boolean oneRefilled = call();
    boolean onlyOne = call();

    assertEquals(List.of(false, true, false), List.of(behind, oneRefilled, onlyOne));
  }
}

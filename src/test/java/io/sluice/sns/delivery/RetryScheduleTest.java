package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The four retry phases and the backoff functions of an HTTP/S retry policy. */
class RetryScheduleTest {

  private static List<Long> delays(RetrySchedule schedule) {
    List<Long> delays = new ArrayList<>();
    for (int r = 1; schedule.delayBeforeAttempt(r).isPresent(); r++) {
      delays.add(schedule.delayBeforeAttempt(r).getAsLong());
    }
    return delays;
  }

  private static List<Long> repeat(long delay, int times) {
    return new ArrayList<>(java.util.Collections.nCopies(times, delay));
  }

  @Test
  void defaultPolicyRetriesThreeTimesTwentySecondsApart() {
    // Given
    RetrySchedule schedule = new RetrySchedule(RetryPolicy.DEFAULT);

    // Then
    assertEquals(List.of(20_000L, 20_000L, 20_000L), delays(schedule));
    assertEquals(OptionalLong.empty(), schedule.delayBeforeAttempt(4));
    assertEquals(4, schedule.totalAttempts());
    assertEquals(60_000, schedule.totalDelayMillis());
  }

  @Test
  void linearBackoffMatchesTheGuideExampleOfTwentyToFortySeconds() {
    // Given the default policy with maxDelayTarget raised to 40 ("Backoff Phase" of the older guide page)
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(20, 40, 3, 0, 0, 0, BackoffFunction.LINEAR));

    // Then the retries wait 20, 30 and 40 seconds
    assertEquals(List.of(20_000L, 30_000L, 40_000L), delays(schedule));
  }

  @Test
  void guideExamplePolicyRunsThroughAllFourPhases() {
    // Given the example of "Creating an HTTP/S delivery policy": 3 immediate, 2 at 1 s,
    // 10 exponential from 1 s to 60 s, 35 at 60 s
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL));

    // When
    List<Long> delays = delays(schedule);

    // Then
    List<Long> expected = repeat(0, 3);
    expected.addAll(repeat(1_000, 2));
    expected.addAll(List.of(1_000L, 1_115L, 1_346L, 1_808L, 2_732L, 4_579L, 8_274L, 15_663L, 30_442L, 60_000L));
    expected.addAll(repeat(60_000, 35));
    assertEquals(expected, delays);
    assertEquals(51, schedule.totalAttempts());
  }

  static Stream<Arguments> backoffCurves() {
    // The guide's graph: 10 backoff retries from 5 s to 260 s.
    return Stream.of(
        Arguments.of(BackoffFunction.LINEAR,
            List.of(5_000L, 33_333L, 61_667L, 90_000L, 118_333L, 146_667L, 175_000L, 203_333L, 231_667L, 260_000L)),
        Arguments.of(BackoffFunction.ARITHMETIC,
            List.of(5_000L, 10_667L, 22_000L, 39_000L, 61_667L, 90_000L, 124_000L, 163_667L, 209_000L, 260_000L)),
        Arguments.of(BackoffFunction.GEOMETRIC,
            List.of(5_000L, 7_756L, 12_031L, 18_663L, 28_949L, 44_906L, 69_658L, 108_054L, 167_612L, 260_000L)),
        Arguments.of(BackoffFunction.EXPONENTIAL,
            List.of(5_000L, 5_499L, 6_497L, 8_493L, 12_485L, 20_470L, 36_438L, 68_376L, 132_250L, 260_000L)));
  }

  @ParameterizedTest
  @MethodSource("backoffCurves")
  void eachBackoffFunctionHasItsOwnCurveFromMinToMax(BackoffFunction function, List<Long> expected) {
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(5, 260, 10, 0, 0, 0, function));

    assertEquals(expected, delays(schedule));
  }

  @ParameterizedTest
  @EnumSource(BackoffFunction.class)
  void everyBackoffStartsAtMinEndsAtMaxAndNeverShrinks(BackoffFunction function) {
    for (int steps = 2; steps <= 100; steps++) {
      long previous = function.delayMillis(1, steps, 7, 3600);
      assertEquals(7_000, previous);
      for (int step = 2; step <= steps; step++) {
        long delay = function.delayMillis(step, steps, 7, 3600);
        assertTrue(delay >= previous, function + " shrinks at " + step + "/" + steps);
        previous = delay;
      }
      assertEquals(3_600_000, previous);
    }
  }

  @ParameterizedTest
  @EnumSource(BackoffFunction.class)
  void aSingleBackoffRetryWaitsTheMinimum(BackoffFunction function) {
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(5, 50, 3, 1, 0, 1, function));

    assertEquals(List.of(0L, 5_000L, 50_000L), delays(schedule));
  }

  @Test
  void linearIsAboveTheOtherCurvesInsideTheBackoffPhase() {
    for (int step = 2; step < 10; step++) {
      long linear = BackoffFunction.LINEAR.delayMillis(step, 10, 5, 260);
      long arithmetic = BackoffFunction.ARITHMETIC.delayMillis(step, 10, 5, 260);
      long geometric = BackoffFunction.GEOMETRIC.delayMillis(step, 10, 5, 260);
      long exponential = BackoffFunction.EXPONENTIAL.delayMillis(step, 10, 5, 260);
      assertTrue(linear > arithmetic && arithmetic > geometric && geometric > exponential, "step " + step);
    }
  }

  @Test
  void equalMinAndMaxMakesEveryCurveFlat() {
    for (BackoffFunction function : BackoffFunction.values()) {
      RetrySchedule schedule = new RetrySchedule(new RetryPolicy(9, 9, 4, 0, 0, 0, function));
      assertEquals(repeat(9_000, 4), delays(schedule));
    }
  }

  static Stream<Arguments> totalAttempts() {
    return Stream.of(
        Arguments.of(new RetryPolicy(1, 1, 0, 0, 0, 0, BackoffFunction.LINEAR), 1),
        Arguments.of(RetryPolicy.DEFAULT, 4),
        Arguments.of(new RetryPolicy(1, 3600, 100, 10, 10, 10, BackoffFunction.GEOMETRIC), 101));
  }

  @ParameterizedTest
  @MethodSource("totalAttempts")
  void totalAttemptsAreTheInitialDeliveryPlusEveryRetry(RetryPolicy policy, int attempts) {
    RetrySchedule schedule = new RetrySchedule(policy);

    assertEquals(attempts, schedule.totalAttempts());
    assertEquals(attempts - 1, delays(schedule).size());
  }

  @Test
  void onlyTheImmediateAndPostBackoffPhasesMayBeUsed() {
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(2, 8, 4, 2, 0, 2, BackoffFunction.EXPONENTIAL));

    assertEquals(List.of(0L, 0L, 8_000L, 8_000L), delays(schedule));
  }

  @Test
  void retryNumbersStartAtOne() {
    RetrySchedule schedule = new RetrySchedule(RetryPolicy.DEFAULT);

    assertThrows(IllegalArgumentException.class, () -> schedule.delayBeforeAttempt(0));
  }

  @Test
  void noRetryStartsMoreThanAnHourAfterTheFirstAttempt() {
    // Given a policy whose delays add up to well over an hour
    RetrySchedule schedule = new RetrySchedule(new RetryPolicy(3600, 3600, 3, 0, 0, 0, BackoffFunction.LINEAR));

    // Then the first retry fits exactly, the second would not
    assertEquals(OptionalLong.of(3_600_000), schedule.delayBeforeAttempt(1, 0));
    assertEquals(OptionalLong.empty(), schedule.delayBeforeAttempt(2, 3_600_001));
    assertEquals(OptionalLong.of(20_000), new RetrySchedule(RetryPolicy.DEFAULT).delayBeforeAttempt(3, 40_000));
  }
}

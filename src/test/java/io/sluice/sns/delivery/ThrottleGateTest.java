package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pacing deliveries to a subscription's maxReceivesPerSecond, on a hand-moved clock. */
class ThrottleGateTest {
  private static final long T0 = 1_700_000_000_000L;

  private static List<Long> reserveAll(ThrottleGate gate, long now, int count) {
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      starts.add(gate.reserve(now) - T0);
    }
    return starts;
  }

  static Stream<Arguments> burstsAtOneInstant() {
    return Stream.of(
        Arguments.of(1, List.of(0L, 1_000L, 2_000L)),
        Arguments.of(3, List.of(0L, 334L, 667L, 1_000L, 1_334L)),
        Arguments.of(10, List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1_000L)),
        Arguments.of(4000, List.of(0L, 1L, 1L, 1L, 1L, 2L)));
  }

  @ParameterizedTest
  @MethodSource("burstsAtOneInstant")
  void burstIsSpreadEvenlyOverEachSecond(int rate, List<Long> expectedStarts) {
    // Given
    ThrottleGate gate = new ThrottleGate(rate);

    // When a burst asks for slots all at once
    List<Long> starts = reserveAll(gate, T0, expectedStarts.size());

    // Then
    assertEquals(expectedStarts, starts);
  }

  @Test
  void freeGateLetsADeliveryStartAtOnce() {
    ThrottleGate gate = new ThrottleGate(2);

    assertEquals(T0, gate.reserve(T0));
    assertEquals(T0 + 5_000, gate.reserve(T0 + 5_000));
  }

  @Test
  void idleGateForgetsThePastBurst() {
    // Given a backlog that ran until T0 + 900
    ThrottleGate gate = new ThrottleGate(10);
    reserveAll(gate, T0, 10);

    // When the next delivery comes after the backlog has drained
    long start = gate.reserve(T0 + 2_000);

    // Then it starts at once and the slots after it count from there
    assertEquals(T0 + 2_000, start);
    assertEquals(T0 + 2_100, gate.reserve(T0 + 2_000));
  }

  @Test
  void deliveryDuringABacklogWaitsForTheNextFreeSlot() {
    ThrottleGate gate = new ThrottleGate(4);
    reserveAll(gate, T0, 3);

    assertEquals(T0 + 750, gate.reserve(T0 + 600));
  }

  @Test
  void earliestStartPeeksWithoutReserving() {
    ThrottleGate gate = new ThrottleGate(5);
    gate.reserve(T0);

    assertEquals(T0 + 200, gate.earliestStart(T0 + 50));
    assertEquals(T0 + 200, gate.earliestStart(T0 + 50));
    assertEquals(T0 + 700, gate.earliestStart(T0 + 700));
    assertEquals(T0 + 200, gate.reserve(T0 + 50));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 10, 250})
  void noSecondEverSeesMoreDeliveriesThanTheRate(int rate) {
    // Given arrivals at random moments, several often at the same millisecond
    ThrottleGate gate = new ThrottleGate(rate);
    Random random = new Random(rate);
    List<Long> starts = new ArrayList<>();
    long now = T0;
    for (int i = 0; i < 2_000; i++) {
      now += random.nextInt(3) == 0 ? random.nextInt(2_000 / rate + 1) : 0;
      starts.add(gate.reserve(now));
    }

    // Then any window [t, t + 1000) holds at most `rate` starts
    for (int i = rate; i < starts.size(); i++) {
      assertTrue(starts.get(i) - starts.get(i - rate) >= 1_000, "window ending at start " + i);
    }
  }

  @Test
  void rateMustBeAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> new ThrottleGate(0));
  }
}

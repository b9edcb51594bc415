package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListPhoneNumbersOptedOutResponse;

/**
 * Opted-out phone numbers through the AWS SDK v2, on each engine: a number opts out by replying STOP
 * (simulated at {@code /_sluice/sns/sms/reply}); CheckIfPhoneNumberIsOptedOut, ListPhoneNumbersOptedOut,
 * OptInPhoneNumber, and SMS to opted-out numbers being dropped.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SmsOptOutTest {
  @Parameter
  Engine engine;

  @Test
  void aStopReplyOptsTheNumberOutAndOptInReversesIt() {
    // Given a number whose holder replied STOP, and one who replied something else
    TestSluice node = TestSluice.shared(engine);
    SnsClient sns = node.sns();
    String stopped = MobileTesting.uniquePhoneNumber();
    String chatty = MobileTesting.uniquePhoneNumber();
    assertTrue(MobileTesting.reply(node, stopped, "stop").path("optedOut").asBoolean());
    assertFalse(MobileTesting.reply(node, chatty, "thanks").path("optedOut").asBoolean());

    // When the numbers are checked, then the first opted in
    boolean before = sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(stopped)).isOptedOut();
    boolean other = sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(chatty)).isOptedOut();
    sns.optInPhoneNumber(b -> b.phoneNumber(stopped));

    // Then only the first was opted out, until it opted in
    assertTrue(before);
    assertFalse(other);
    assertFalse(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(stopped)).isOptedOut());
  }

  @Test
  void aNumberCanBeOptedInOnlyOnceEveryThirtyDays() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a number opted out, opted in, and opted out again
      SnsClient sns = node.sns();
      String number = MobileTesting.uniquePhoneNumber();
      MobileTesting.reply(node, number, "STOP");
      sns.optInPhoneNumber(b -> b.phoneNumber(number));
      MobileTesting.reply(node, number, "UNSUBSCRIBE");

      // When it is opted in again within 30 days, and after
      clock.advanceSeconds(29L * 24 * 3600);
      String early = codeOf(() -> sns.optInPhoneNumber(b -> b.phoneNumber(number)));
      clock.advanceSeconds(24L * 3600);
      sns.optInPhoneNumber(b -> b.phoneNumber(number));

      // Then the early opt-in is refused and the later one succeeds
      assertEquals("InvalidParameter", early);
      assertFalse(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(number)).isOptedOut());
    }
  }

  @Test
  void optedOutNumbersAreListedAHundredPerPage() {
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of())) {
      // Given 101 opted-out numbers
      SnsClient sns = node.sns();
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        String number = MobileTesting.uniquePhoneNumber();
        numbers.add(number);
        MobileTesting.reply(node, number, "STOP");
      }

      // When they are listed
      ListPhoneNumbersOptedOutResponse first = sns.listPhoneNumbersOptedOut(b -> { });
      ListPhoneNumbersOptedOutResponse second = sns.listPhoneNumbersOptedOut(b -> b.nextToken(first.nextToken()));

      // Then two pages hold them all, in order
      assertEquals(100, first.phoneNumbers().size());
      assertNull(second.nextToken());
      List<String> all = new ArrayList<>(first.phoneNumbers());
      all.addAll(second.phoneNumbers());
      assertEquals(numbers.stream().sorted().toList(), all);
    }
  }

  @Test
  void smsToAnOptedOutNumberIsDropped() {
    // Given an opted-out number
    TestSluice node = TestSluice.shared(engine);
    String number = MobileTesting.uniquePhoneNumber();
    MobileTesting.reply(node, number, "STOP");

    // When a text is published to it
    String id = node.sns().publish(b -> b.phoneNumber(number).message("you will not see this")).messageId();

    // Then Publish answers, but nothing is sent
    assertFalse(id.isEmpty());
    assertTrue(MobileTesting.outbox(node, "sms", number).isEmpty());
  }

  @Test
  void malformedNumbersAreRejected() {
    SnsClient sns = TestSluice.shared(engine).sns();
    assertEquals("InvalidParameter", codeOf(() -> sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("call me"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.optInPhoneNumber(b -> b.phoneNumber("+0123"))));
  }
}

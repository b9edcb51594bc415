package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSmsSandboxPhoneNumbersResponse;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumber;

/**
 * The SMS sandbox actions and ListOriginationNumbers through the AWS SDK v2, on each engine (private
 * nodes: one account's sandbox). The one-time password is read from the SMS outbox.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SmsSandboxTest {
  private static final Pattern CODE = Pattern.compile("\\d{6}");

  @Parameter
  Engine engine;

  private static String password(TestSluice node, String number) {
    List<JsonNode> texts = MobileTesting.outbox(node, "sms", number);
    assertFalse(texts.isEmpty(), "no SMS to " + number);
    Matcher m = CODE.matcher(texts.get(texts.size() - 1).path("body").asText());
    assertTrue(m.find());
    return m.group();
  }

  private static Map<String, String> statuses(SnsClient sns) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (SMSSandboxPhoneNumber n : sns.listSMSSandboxPhoneNumbers(b -> { }).phoneNumbers()) {
      out.put(n.phoneNumber(), n.statusAsString());
    }
    return out;
  }

  @Test
  void sluiceAccountsAreNotInTheSandboxAndHaveNoOriginationNumbers() {
    SnsClient sns = TestSluice.shared(engine).sns();
    assertFalse(sns.getSMSSandboxAccountStatus(b -> { }).isInSandbox());
    assertTrue(sns.listOriginationNumbers(b -> { }).phoneNumbers().isEmpty());
    assertEquals("ValidationException", codeOf(() -> sns.listOriginationNumbers(b -> b.maxResults(31))));
  }

  @Test
  void aNumberIsVerifiedWithThePasswordTextedToIt() {
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of())) {
      // Given a number added to the sandbox
      SnsClient sns = node.sns();
      String number = MobileTesting.uniquePhoneNumber();
      sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(number).languageCode("en-GB"));
      String pending = statuses(sns).get(number);
      String password = password(node, number);

      // When it is verified with a wrong password, then with the texted one
      String wrong = codeOf(() -> sns.verifySMSSandboxPhoneNumber(b -> b.phoneNumber(number)
          .oneTimePassword(password.equals("000000") ? "111111" : "000000")));
      sns.verifySMSSandboxPhoneNumber(b -> b.phoneNumber(number).oneTimePassword(password));

      // Then it went from Pending to Verified
      assertEquals("Pending", pending);
      assertEquals("VerificationException", wrong);
      assertEquals(Map.of(number, "Verified"), statuses(sns));
    }
  }

  @Test
  void aNumberCanBeDeletedOnlyADayAfterItsLastVerificationAttempt() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a number added to the sandbox
      SnsClient sns = node.sns();
      String number = MobileTesting.uniquePhoneNumber();
      sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(number));

      // When it is deleted at once, then a day later
      String early = codeOf(() -> sns.deleteSMSSandboxPhoneNumber(b -> b.phoneNumber(number)));
      clock.advanceSeconds(24 * 3600);
      sns.deleteSMSSandboxPhoneNumber(b -> b.phoneNumber(number));

      // Then the first is refused, the second removes it
      assertEquals("UserError", early);
      assertTrue(statuses(sns).isEmpty());
      assertEquals("ResourceNotFound", codeOf(() -> sns.deleteSMSSandboxPhoneNumber(b -> b.phoneNumber(number))));
    }
  }

  @Test
  void theSandboxHoldsTenNumbersListedByPage() {
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of())) {
      // Given ten numbers in the sandbox
      SnsClient sns = node.sns();
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String number = MobileTesting.uniquePhoneNumber();
        numbers.add(number);
        sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(number));
      }

      // When an eleventh is added, and the numbers are listed four per page
      String full = codeOf(() -> sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(MobileTesting.uniquePhoneNumber())));
      List<String> listed = new ArrayList<>();
      ListSmsSandboxPhoneNumbersResponse page = sns.listSMSSandboxPhoneNumbers(b -> b.maxResults(4));
      int pages = 1;
      listed.addAll(page.phoneNumbers().stream().map(SMSSandboxPhoneNumber::phoneNumber).toList());
      while (page.nextToken() != null) {
        String token = page.nextToken();
        page = sns.listSMSSandboxPhoneNumbers(b -> b.maxResults(4).nextToken(token));
        listed.addAll(page.phoneNumbers().stream().map(SMSSandboxPhoneNumber::phoneNumber).toList());
        pages++;
      }

      // Then the eleventh is refused and three pages list the ten
      assertEquals("UserError", full);
      assertEquals(3, pages);
      assertNull(page.nextToken());
      assertEquals(numbers.stream().sorted().toList(), listed);
    }
  }

  @Test
  void invalidSandboxRequestsFail() {
    TestSluice node = TestSluice.shared(engine);
    SnsClient sns = node.sns();
    String optedOut = MobileTesting.uniquePhoneNumber();
    MobileTesting.reply(node, optedOut, "STOP");
    assertEquals("OptedOut", codeOf(() -> sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(optedOut))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber("+12"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createSMSSandboxPhoneNumber(
        b -> b.phoneNumber(MobileTesting.uniquePhoneNumber()).languageCode("xx-XX"))));
    assertEquals("ResourceNotFound", codeOf(() -> sns.verifySMSSandboxPhoneNumber(
        b -> b.phoneNumber(MobileTesting.uniquePhoneNumber()).oneTimePassword("123456"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.verifySMSSandboxPhoneNumber(
        b -> b.phoneNumber(MobileTesting.uniquePhoneNumber()).oneTimePassword("12ab"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.listSMSSandboxPhoneNumbers(b -> b.maxResults(101))));
  }
}

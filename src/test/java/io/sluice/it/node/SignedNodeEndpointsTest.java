package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * With {@code SLUICE_CREDENTIALS} set, Sluice's own endpoints (the admin reset, the SNS outbox and
 * the simulated SMS reply) need a SigV4 signature by a configured key and show or change only that
 * key's account; the signing certificate stays public.
 */
class SignedNodeEndpointsTest {
  private static final String KEY_A = "AKIDACCOUNTA";
  private static final String SECRET_A = "secret-a";
  private static final String KEY_B = "AKIDACCOUNTB";
  private static final String SECRET_B = "secret-b";
  private static final String ACCOUNT_B = "222233334444";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestSluice node;

  @BeforeAll
  static void start() {
    // A's key has no account of its own: it acts in the node's account, which administers the node.
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of("SLUICE_ADMIN_ENABLED", "true",
        "SLUICE_CREDENTIALS", KEY_A + ":" + SECRET_A + "," + KEY_B + ":" + SECRET_B + ":" + ACCOUNT_B));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void unsignedOutboxReplyAndResetAreRefusedWithAnAwsError() {
    for (Answer a : List.of(RawHttp.get(uri("/_sluice/sns/outbox"), Map.of()),
        RawHttp.get(uri("/_sluice/sns/sms/reply?phoneNumber=%2B15550100&message=STOP"), Map.of()),
        RawHttp.post(uri("/_sluice/reset"), Map.of(), ""))) {
      assertEquals(403, a.status(), a.body());
      assertEquals("MissingAuthenticationToken", a.xmlErrorCode());
    }
  }

  @Test
  void outboxSignedByAnUnknownKeyOrWithAWrongSecretIsRefused() {
    Answer unknown = RawHttp.sendSigned(uri("/_sluice/sns/outbox"), "GET", null, "AKIDNOBODY", "x", "sluice");
    Answer wrongSecret = RawHttp.sendSigned(uri("/_sluice/sns/outbox"), "GET", null, KEY_A, "not-a", "sluice");

    assertEquals(403, unknown.status());
    assertEquals("InvalidClientTokenId", unknown.xmlErrorCode());
    assertEquals(403, wrongSecret.status());
    assertEquals("SignatureDoesNotMatch", wrongSecret.xmlErrorCode());
  }

  @Test
  void eachAccountSeesOnlyItsOwnOutboxEntries() throws Exception {
    // Given an SMS sent by account A and one by account B
    String number = "+15550199";
    try (SnsClient a = sns(KEY_A, SECRET_A); SnsClient b = sns(KEY_B, SECRET_B)) {
      a.publish(r -> r.phoneNumber(number).message("for A only"));
      b.publish(r -> r.phoneNumber(number).message("for B only"));
    }

    // When each lists the outbox, signed with its key
    List<String> seenByA = bodies(RawHttp.sendSigned(uri("/_sluice/sns/outbox?protocol=sms"), "GET", null, KEY_A,
        SECRET_A, "sluice"));
    List<String> seenByB = bodies(RawHttp.sendSigned(uri("/_sluice/sns/outbox?protocol=sms"), "GET", null, KEY_B,
        SECRET_B, "sluice"));

    // Then each sees its own message and not the other's
    assertTrue(seenByA.contains("for A only"), seenByA.toString());
    assertFalse(seenByA.contains("for B only"), seenByA.toString());
    assertTrue(seenByB.contains("for B only"), seenByB.toString());
    assertFalse(seenByB.contains("for A only"), seenByB.toString());
  }

  @Test
  void aSignedSmsReplyOptsOutOnlyInTheSignersAccount() {
    String number = "%2B15550177";
    Answer stop = RawHttp.sendSigned(uri("/_sluice/sns/sms/reply?phoneNumber=" + number + "&message=STOP"), "GET",
        null, KEY_B, SECRET_B, "sluice");
    Answer intoA = RawHttp.sendSigned(uri("/_sluice/sns/sms/reply?phoneNumber=" + number + "&message=STOP&account="
        + "000000000000"), "GET", null, KEY_B, SECRET_B, "sluice");

    assertEquals(200, stop.status(), stop.body());
    assertEquals(403, intoA.status());
    assertEquals("AccessDenied", intoA.xmlErrorCode());
    try (SnsClient a = sns(KEY_A, SECRET_A); SnsClient b = sns(KEY_B, SECRET_B)) {
      assertTrue(b.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber("+15550177")).isOptedOut());
      assertFalse(a.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber("+15550177")).isOptedOut());
    }
  }

  @Test
  void resetNeedsAKeyOfTheNodesOwnAccount() {
    // Given a queue of account B
    try (SqsClient b = sqs(KEY_B, SECRET_B)) {
      String name = TestSluice.uniqueName("kept");
      b.createQueue(r -> r.queueName(name));

      // When B's key posts a reset
      Answer byB = RawHttp.sendSigned(uri("/_sluice/reset"), "POST", "", KEY_B, SECRET_B, "sluice");

      // Then it is refused and the queue is kept; A's key (the node's account) may reset
      assertEquals(403, byB.status());
      assertEquals("AccessDenied", byB.xmlErrorCode());
      b.getQueueUrl(r -> r.queueName(name));
      Answer byA = RawHttp.sendSigned(uri("/_sluice/reset"), "POST", "", KEY_A, SECRET_A, "sluice");
      assertEquals(200, byA.status(), byA.body());
    }
  }

  @Test
  void theSigningCertificateStaysPublic() {
    Answer a = RawHttp.get(uri("/_sluice/sns/SimpleNotificationService.pem"), Map.of());
    assertEquals(200, a.status());
    assertTrue(a.body().startsWith("-----BEGIN CERTIFICATE-----"));
  }

  @Test
  void curlsOwnSigV4SigningIsAccepted() throws Exception {
    // The README's example: curl --aws-sigv4 "aws:amz:us-east-1:sluice" --user KEY:SECRET
    Process curl = new ProcessBuilder("curl", "-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:sluice",
        "--user", KEY_B + ":" + SECRET_B, uri("/_sluice/sns/outbox").toString()).redirectErrorStream(true).start();
    assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(out.endsWith("\n200"), out);
    assertTrue(JSON.readTree(out.substring(0, out.lastIndexOf('\n'))).has("messages"), out);
  }

  private static List<String> bodies(Answer a) throws IOException {
    assertEquals(200, a.status(), a.body());
    List<String> out = new ArrayList<>();
    for (JsonNode m : JSON.readTree(a.body()).path("messages")) {
      out.add(m.path("body").asText());
    }
    return out;
  }

  private static URI uri(String pathAndQuery) {
    return URI.create(node.endpoint() + pathAndQuery);
  }

  private static SnsClient sns(String key, String secret) {
    return SnsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
  }

  private static SqsClient sqs(String key, String secret) {
    return SqsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
  }
}

package io.sluice.sns.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.sns.signing.PythonSnsVerifier.Backend;
import io.sluice.sns.signing.PythonSnsVerifier.Outcome;
import io.sluice.sns.signing.SnsEnvelope.Attribute;
import io.sluice.sns.signing.SnsEnvelope.Fields;
import io.sluice.testing.FullLoop;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Envelopes that {@link SnsEnvelope} signs verify with verifiers that are not Sluice's code: the
 * Python script of {@link PythonSnsVerifier} (the AWS SDK for Java's SnsMessageManager does not
 * resolve from the Maven mirror, and insists on an amazonaws.com certificate URL anyway), and the
 * JDK's {@link Signature} on a string to sign the test rebuilds from the JSON itself.
 */
class SnsEnvelopeSignatureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
  private static final String CERT_URL = "http://localhost:4566/SimpleNotificationService-sluice.pem";
  private static final Instant AT = Instant.parse("2024-03-01T12:34:56.789Z");

  private static SigningKeys keys;
  private static SnsEnvelope envelope;

  @TempDir
  Path workDir;

  @BeforeAll
  static void generateKeys() {
    keys = SigningKeys.generate(new ManualClock());
    envelope = new SnsEnvelope(keys);
  }

  static Stream<Arguments> signedEnvelopes() {
    Fields withSubject = Fields.notification("b2a8c9d4-0000-4000-8000-000000000001", TOPIC, "Order placed",
        "{\"order\":42,\"note\":\"caf\u00e9 \u2615\\nline two\"}\nwith a real newline", AT,
        "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":sub-1",
        Map.of("kind", Attribute.string("String", "retail"),
            "blob", Attribute.binary("Binary", new byte[] {0, 1, 2, (byte) 0xff})));
    Fields withoutSubject = Fields.notification("b2a8c9d4-0000-4000-8000-000000000002", TOPIC, null,
        "plain text", AT, "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":sub-1", Map.of());
    Fields subscribe = Fields.subscriptionConfirmation("b2a8c9d4-0000-4000-8000-000000000003", "token-123", TOPIC,
        "You have chosen to subscribe to the topic " + TOPIC + ".\nTo confirm the subscription, visit the"
            + " SubscribeURL included in this message.",
        "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=token-123", AT);
    Fields unsubscribe = Fields.unsubscribeConfirmation("b2a8c9d4-0000-4000-8000-000000000004", "token-456", TOPIC,
        "You have chosen to deactivate subscription " + TOPIC + ":sub-1.\nTo cancel this operation and restore"
            + " the subscription, visit the SubscribeURL included in this message.",
        "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=token-456", AT);
    return Stream.of(SignatureVersion.values()).flatMap(version -> Stream.of(
        Arguments.of("Notification with Subject", withSubject, version),
        Arguments.of("Notification without Subject", withoutSubject, version),
        Arguments.of("SubscriptionConfirmation", subscribe, version),
        Arguments.of("UnsubscribeConfirmation", unsubscribe, version)));
  }

  @FullLoop
  @ParameterizedTest(name = "{0}, SignatureVersion {2}")
  @MethodSource("signedEnvelopes")
  void signedEnvelopeVerifiesWithThePythonSnsVerifier(String label, Fields fields, SignatureVersion version)
      throws Exception {
    assumeTrue(PythonSnsVerifier.python3Available(), "python3 is not on the PATH: the Python check cannot run");
    // Given an envelope signed by Sluice
    String json = envelope.toJson(fields, version, CERT_URL);

    // When the Python verifier checks it against the served certificate
    Outcome outcome = PythonSnsVerifier.verify(json, keys.certificatePem(), Backend.AUTO, workDir);

    // Then it verifies
    assertTrue(outcome.verified(), () -> label + ": " + outcome + "\n" + json);
  }

  @FullLoop
  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void signedEnvelopeVerifiesWithThePythonStandardLibraryCheckToo(SignatureVersion version) throws Exception {
    assumeTrue(PythonSnsVerifier.python3Available(), "python3 is not on the PATH: the Python check cannot run");
    // Given a signed notification
    String json = envelope.toJson(notification("hello"), version, CERT_URL);

    // When the script verifies it without the cryptography package
    Outcome outcome = PythonSnsVerifier.verify(json, keys.certificatePem(), Backend.STDLIB, workDir);

    // Then the standard-library RSA check accepts it
    assertTrue(outcome.verified(), outcome::toString);
    assertEquals("VERIFIED by stdlib", outcome.output());
  }

  @FullLoop
  @ParameterizedTest
  @EnumSource(Backend.class)
  void pythonVerifierRejectsAnEnvelopeWhoseMessageWasAltered(Backend backend) throws Exception {
    assumeTrue(PythonSnsVerifier.python3Available(), "python3 is not on the PATH: the Python check cannot run");
    // Given a signed notification whose Message is changed afterwards
    ObjectNode tampered = (ObjectNode) JSON.readTree(envelope.toJson(notification("pay 10"), SignatureVersion.V2,
        CERT_URL));
    tampered.put("Message", "pay 1000");

    // When the Python verifier checks it
    Outcome outcome = PythonSnsVerifier.verify(tampered.toString(), keys.certificatePem(), backend, workDir);

    // Then it is rejected: the check above is a real check
    assertFalse(outcome.verified(), outcome::toString);
    assertTrue(outcome.output().startsWith("BAD SIGNATURE"), outcome::toString);
  }

  @ParameterizedTest(name = "{0}, SignatureVersion {2}")
  @MethodSource("signedEnvelopes")
  void signedEnvelopeVerifiesWithTheJdkAgainstTheCertificate(String label, Fields fields, SignatureVersion version)
      throws Exception {
    // Given an envelope signed by Sluice, read back as a subscriber reads it
    JsonNode json = JSON.readTree(envelope.toJson(fields, version, CERT_URL));

    // When the JDK verifies its Signature over the fields the AWS guide lists for its Type
    Signature verifier = Signature.getInstance(
        json.get("SignatureVersion").asText().equals("1") ? "SHA1withRSA" : "SHA256withRSA");
    verifier.initVerify(keys.certificate());
    verifier.update(subscriberStringToSign(json).getBytes(StandardCharsets.UTF_8));

    // Then it verifies
    assertTrue(verifier.verify(Base64.getDecoder().decode(json.get("Signature").asText())), label);
  }

  @Test
  void signatureVersionOneAndTwoProduceDifferentSignatures() throws Exception {
    // Given one notification
    Fields fields = notification("same");

    // When it is signed with each version
    JsonNode v1 = JSON.readTree(envelope.toJson(fields, SignatureVersion.V1, CERT_URL));
    JsonNode v2 = JSON.readTree(envelope.toJson(fields, SignatureVersion.V2, CERT_URL));

    // Then the envelopes name their version and the signatures differ (SHA1 vs SHA256)
    assertEquals("1", v1.get("SignatureVersion").asText());
    assertEquals("2", v2.get("SignatureVersion").asText());
    assertFalse(v1.get("Signature").asText().equals(v2.get("Signature").asText()));
  }

  private static Fields notification(String message) {
    return Fields.notification("5f1c0f0e-0000-4000-8000-00000000000a", TOPIC, null, message, AT,
        "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":sub-1", Map.of());
  }

  /** The string to sign as a subscriber builds it from the received JSON, per the AWS guide. */
  private static String subscriberStringToSign(JsonNode json) {
    List<String> names = json.get("Type").asText().equals("Notification")
        ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
        : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      if (json.has(name)) {
        text.append(name).append('\n').append(json.get(name).asText()).append('\n');
      }
    }
    return text.toString();
  }
}

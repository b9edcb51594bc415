package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.testing.Engine;
import io.sluice.testing.HttpReceiver;
import io.sluice.testing.RawHttp;
import io.sluice.testing.SnsSignatures;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The signatures of what SNS sends, checked as a subscriber would ("Verifying the signatures of
 * Amazon SNS messages"): fetch the certificate at SigningCertURL over plain HTTP, rebuild the
 * string to sign from the delivered fields, verify with SHA1withRSA (SignatureVersion 1) or
 * SHA256withRSA (2). Nothing of Sluice's own signing code is used.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class NotificationSignatureTest extends SharedSnsNodeTest {
  /** True when the message's Signature verifies against the certificate at its SigningCertURL. */
  private static boolean verifies(JsonNode message) throws Exception {
    return SnsSignatures.verify(message);
  }

  private JsonNode deliveredEnvelope(String topic, String subject) {
    String url = subscribedQueue(topic, false);
    sns().publish(b -> b.topicArn(topic).message("signed \"text\" ✓\nsecond line").subject(subject));
    return json(receiveOne(url).body());
  }

  @Test
  void aVersionOneNotificationVerifiesWithTheServedCertificate() throws Exception {
    // Given a topic of the default signature version, and a message delivered to a queue
    JsonNode envelope = deliveredEnvelope(topic("sig-v1"), "Signed");

    // When the certificate is fetched and the signature checked with SHA1withRSA
    // Then it verifies
    assertEquals("1", envelope.get("SignatureVersion").asText());
    assertTrue(verifies(envelope));
  }

  @Test
  void aVersionTwoNotificationVerifiesWithSha256() throws Exception {
    // Given a topic set to SignatureVersion 2, and a message without subject delivered to a queue
    JsonNode envelope = deliveredEnvelope(topic("sig-v2", Map.of("SignatureVersion", "2")), null);

    // When the signature is checked with SHA256withRSA
    // Then it verifies
    assertEquals("2", envelope.get("SignatureVersion").asText());
    assertFalse(envelope.has("Subject"));
    assertTrue(verifies(envelope));
  }

  @Test
  void aChangedMessageNoLongerVerifies() throws Exception {
    // Given a delivered, signed envelope
    JsonNode envelope = deliveredEnvelope(topic("sig-tamper"), "Original");

    // When its message or subject is altered
    ObjectNode changedMessage = ((ObjectNode) envelope.deepCopy()).put("Message", "forged");
    ObjectNode changedSubject = ((ObjectNode) envelope.deepCopy()).put("Subject", "Forged");

    // Then the signature no longer verifies
    assertTrue(verifies(envelope));
    assertFalse(verifies(changedMessage));
    assertFalse(verifies(changedSubject));
  }

  @Test
  void theCertificateIsServedAsPem() {
    // Given a delivered envelope
    JsonNode envelope = deliveredEnvelope(topic("sig-pem"), "Pem");

    // When its SigningCertURL is fetched with a plain HTTP client
    RawHttp.Answer answer = RawHttp.get(URI.create(envelope.get("SigningCertURL").asText()), Map.of());

    // Then it is a PEM certificate on Sluice's own endpoint
    assertEquals(200, answer.status());
    assertTrue(answer.body().startsWith("-----BEGIN CERTIFICATE-----"), answer.body());
    assertTrue(envelope.get("SigningCertURL").asText().startsWith(node().endpoint().toString()));
  }

  @Test
  void anHttpEndpointGetsASignedConfirmationWhoseSubscribeUrlConfirms() throws Exception {
    // Given an HTTP endpoint that records what it is sent
    try (HttpReceiver receiver = new HttpReceiver()) {
      String topic = topic("sig-http", Map.of("SignatureVersion", "2"));
      String endpoint = receiver.url("/hook");

      // When it subscribes, and the SubscribeURL of the confirmation it gets is visited
      sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint));
      JsonNode confirmation = json(receiver.await("SubscriptionConfirmation", 1, DELIVERY_WAIT).get(0).body());
      RawHttp.Answer visit = RawHttp.get(URI.create(confirmation.get("SubscribeURL").asText()), Map.of());

      // Then the confirmation was signed, the visit confirmed the subscription, and a publish arrives signed
      assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
      assertTrue(verifies(confirmation));
      assertEquals(200, visit.status(), visit.body());
      String subscription = visit.xmlText("SubscriptionArn");
      assertEquals("false", sns().getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes()
          .get("PendingConfirmation"));
      sns().publish(b -> b.topicArn(topic).message("over http"));
      JsonNode notification = json(receiver.await("Notification", 1, DELIVERY_WAIT).get(0).body());
      assertEquals("over http", notification.get("Message").asText());
      assertTrue(verifies(notification));
    }
  }
}

package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> CONFIRMATION_FIELDS =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  /** Each signed field present in the message as "Name\nValue\n", in the documented (byte) order. */
  private static String stringToSign(JsonNode message) {
    List<String> fields = message.path("Type").asText().equals("Notification") ? NOTIFICATION_FIELDS
        : CONFIRMATION_FIELDS;
    StringBuilder text = new StringBuilder();
    for (String field : fields) {
      if (message.has(field)) {
        text.append(field).append('\n').append(message.get(field).asText()).append('\n');
      }
    }
    return text.toString();
  }

  private static X509Certificate certificate(String url) throws Exception {
    RawHttp.Answer answer = RawHttp.get(URI.create(url), Map.of());
    assertEquals(200, answer.status(), answer.body());
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.US_ASCII)));
  }

  /** True when the message's Signature verifies against the certificate at its SigningCertURL. */
  private static boolean verifies(JsonNode message) throws Exception {
    String algorithm = switch (message.path("SignatureVersion").asText()) {
      case "1" -> "SHA1withRSA";
      case "2" -> "SHA256withRSA";
      default -> throw new AssertionError("SignatureVersion " + message.path("SignatureVersion"));
    };
    Signature signature = Signature.getInstance(algorithm);
    signature.initVerify(certificate(message.path("SigningCertURL").asText()).getPublicKey());
    signature.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
    return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
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
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      String topic = topic("sig-http", Map.of("SignatureVersion", "2"));
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";

      // When it subscribes, and the SubscribeURL of the confirmation it gets is visited
      sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint));
      String confirmationText = received.poll(DELIVERY_WAIT.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(confirmationText, "no SubscriptionConfirmation");
      JsonNode confirmation = json(confirmationText);
      RawHttp.Answer visit = RawHttp.get(URI.create(confirmation.get("SubscribeURL").asText()), Map.of());

      // Then the confirmation was signed, the visit confirmed the subscription, and a publish arrives signed
      assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
      assertTrue(verifies(confirmation));
      assertEquals(200, visit.status(), visit.body());
      String subscription = visit.xmlText("SubscriptionArn");
      assertEquals("false", sns().getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes()
          .get("PendingConfirmation"));
      sns().publish(b -> b.topicArn(topic).message("over http"));
      JsonNode notification = json(received.poll(DELIVERY_WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals("over http", notification.get("Message").asText());
      assertTrue(verifies(notification));
    } finally {
      server.stop(0);
    }
  }
}

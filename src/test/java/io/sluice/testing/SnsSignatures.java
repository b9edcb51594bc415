package io.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Verifies an SNS message's signature the way the AWS guide "Verifying the signatures of Amazon SNS
 * messages" describes, independently of Sluice's code: fetch the certificate at SigningCertURL,
 * rebuild the string to sign from the message's fields, check the signature (SHA1withRSA for
 * SignatureVersion 1, SHA256withRSA for 2).
 */
public final class SnsSignatures {
  private SnsSignatures() {}

  private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn",
      "Type");
  private static final List<String> CONFIRMATION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
      "Token", "TopicArn", "Type");

  /** True when the message's signature is valid for the certificate at its SigningCertURL. */
  public static boolean verify(String messageJson) throws Exception {
    return verify(new ObjectMapper().readTree(messageJson));
  }

  /** Like {@link #verify(String)}, for a parsed message. */
  public static boolean verify(JsonNode m) throws Exception {
    HttpResponse<byte[]> cert = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(m.path("SigningCertURL").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (cert.statusCode() != 200) {
      throw new AssertionError("SigningCertURL answered HTTP " + cert.statusCode());
    }
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(cert.body()));
    return verify(m, certificate);
  }

  /** True when the message's signature is valid for {@code certificate} (its SigningCertURL is not fetched). */
  public static boolean verify(JsonNode m, X509Certificate certificate) throws Exception {
    List<String> fields = m.path("Type").asText().equals("Notification") ? NOTIFICATION : CONFIRMATION;
    StringBuilder toSign = new StringBuilder();
    for (String f : fields) {
      if (m.has(f)) {
        toSign.append(f).append('\n').append(m.get(f).asText()).append('\n');
      }
    }
    Signature check = Signature.getInstance(switch (m.path("SignatureVersion").asText()) {
      case "1" -> "SHA1withRSA";
      case "2" -> "SHA256withRSA";
      default -> throw new AssertionError("SignatureVersion " + m.path("SignatureVersion"));
    });
    check.initVerify(certificate.getPublicKey());
    check.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
    return check.verify(Base64.getDecoder().decode(m.path("Signature").asText()));
  }
}

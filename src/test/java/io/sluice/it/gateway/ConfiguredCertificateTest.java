package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.config.ConfigException;
import io.sluice.gateway.GatewayVerticle;
import io.sluice.testing.Curl;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TLS port serves the certificate and key given as PEM files (made here by openssl). */
class ConfiguredCertificateTest {

  @Test
  void unreadableCertificateFailsTheStartNamingTheSetting() throws Exception {
    Path junk = Files.writeString(Files.createTempFile("sluice-tls", ".pem"), "not a certificate");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestSluice.start(Engine.MEMORY,
        InstantSource.system(), Map.of("SLUICE_TLS_PORT", "0", "SLUICE_TLS_CERT_FILE", junk.toString(),
            "SLUICE_TLS_KEY_FILE", junk.toString())));

    Throwable cause = e;
    while (cause != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null && cause.getMessage().contains("SLUICE_TLS_CERT_FILE"), String.valueOf(cause));
  }

  @Test
  void configuredCertificateIsServedAndTrusted() throws Exception {
    // Given an RSA key (PKCS#8) and a self-signed certificate for 127.0.0.1, made by openssl
    Path dir = Files.createTempDirectory("sluice-tls");
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=sluice-test", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    String log = new String(openssl.getInputStream().readAllBytes());
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, log);

    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of(
        "SLUICE_TLS_PORT", "0", "SLUICE_TLS_CERT_FILE", cert.toString(), "SLUICE_TLS_KEY_FILE", key.toString()))) {
      // When a client that trusts only that certificate calls the TLS port
      Curl answer = Curl.run("--http2", "--cacert", cert.toString(), node.tlsEndpoint() + "/health");
      Curl served = Curl.run(node.endpoint() + GatewayVerticle.TLS_CERTIFICATE_PATH);

      // Then it is served over HTTP/2 with that certificate, which the node also hands out
      assertEquals("2 200", answer.status(), answer.body());
      assertEquals(Files.readString(cert), served.body());
      assertEquals(cert, node.sluice().tlsCertificateFile().orElseThrow());
    }
  }
}

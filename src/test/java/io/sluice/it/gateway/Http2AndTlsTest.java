package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.gateway.GatewayVerticle;
import io.sluice.testing.Curl;
import io.sluice.testing.Engine;
import io.sluice.testing.Http2Clients;
import io.sluice.testing.Prometheus;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The gateway's transports: HTTP/2 in clear text with prior knowledge beside HTTP/1.1 on the main
 * port, and a TLS port serving HTTP/2 by ALPN, HTTP/2 to clients that offer no ALPN, and HTTP/1.1,
 * with a generated certificate clients can trust. The protocol each request arrived in is read from
 * the node's {@code sluice_gateway_requests_total} counter or from curl.
 */
class Http2AndTlsTest {
  private static final int LIMIT = 65_536;
  private static Path certificate;
  private static TestSluice node;

  @BeforeAll
  static void start() throws IOException {
    certificate = Files.createTempDirectory("sluice-tls").resolve("generated.pem");
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of("SLUICE_TLS_PORT", "0",
        "SLUICE_TLS_GENERATED_CERT_FILE", certificate.toString(), "SLUICE_MAX_REQUEST_BYTES", Integer.toString(LIMIT)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void asyncClientSpeaksHttp2InClearTextWithPriorKnowledge() {
    assertRoundTripOverHttp2(node.endpoint(), null, ProtocolNegotiation.ASSUME_PROTOCOL);
  }

  @Test
  void asyncClientSpeaksHttp2OverTlsNegotiatedByAlpn() {
    assertRoundTripOverHttp2(node.tlsEndpoint(), certificate, ProtocolNegotiation.ALPN);
  }

  @Test
  void asyncClientSpeaksHttp2OverTlsWithoutAlpn() {
    // The SDK's default over https: the HTTP/2 preface right after the handshake, no ALPN offered.
    assertRoundTripOverHttp2(node.tlsEndpoint(), certificate, ProtocolNegotiation.ASSUME_PROTOCOL);
  }

  @Test
  void syncClientSpeaksHttp11OverTls() {
    double before = requests("http/1.1", true);
    try (SqsClient sqs = Http2Clients.sqsHttp1(node.tlsEndpoint(), certificate)) {
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("tls1"))).queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("over tls"));

      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();

      assertEquals("over tls", got.get(0).body());
      assertTrue(url.startsWith(node.tlsEndpoint().toString() + "/"), url);
    }
    assertTrue(requests("http/1.1", true) >= before + 3);
  }

  @Test
  void generatedCertificateIsWrittenToTheConfiguredFileAndServed() throws Exception {
    String pem = Files.readString(certificate);

    Curl served = Curl.run(node.endpoint() + GatewayVerticle.TLS_CERTIFICATE_PATH);

    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
    assertEquals(pem, served.body());
    assertEquals(certificate, node.sluice().tlsCertificateFile().orElseThrow());
  }

  @Test
  void curlWithPriorKnowledgeGetsHttp2InClearText() throws Exception {
    Curl c = Curl.run("--http2-prior-knowledge", node.endpoint() + "/?Action=ListQueues");

    assertEquals("2 200", c.status());
  }

  @Test
  void curlUpgradingToH2cGetsHttp2() throws Exception {
    Curl c = Curl.run("--http2", node.endpoint() + "/health");

    assertEquals("2 200", c.status());
  }

  @Test
  void curlOverTlsNegotiatesHttp2AndVerifiesTheCertificate() throws Exception {
    Curl c = Curl.run("--http2", "--cacert", certificate.toString(), node.tlsEndpoint() + "/?Action=ListQueues");

    assertEquals("2 200", c.status());
  }

  @Test
  void curlOverTlsWithAnHttp11OnlyClientGetsHttp11() throws Exception {
    Curl c = Curl.run("--http1.1", "--cacert", certificate.toString(), node.tlsEndpoint() + "/health");

    assertEquals("1.1 200", c.status());
  }

  @Test
  void localhostIsAmongTheCertificateNames() throws Exception {
    URI byName = URI.create("https://localhost:" + node.tlsEndpoint().getPort() + "/health");

    Curl c = Curl.run("--http2", "--cacert", certificate.toString(), byName.toString());

    assertEquals("2 200", c.status());
  }

  @Test
  void http2BodyOverTheLimitIs413() throws Exception {
    Path body = Files.createTempFile("sluice-h2", ".form");
    Files.writeString(body, "Action=SendMessage&QueueUrl=x&MessageBody=" + "a".repeat(LIMIT));

    Curl c = Curl.run("--http2-prior-knowledge", "--data-binary", "@" + body, "-H",
        "content-type: application/x-www-form-urlencoded", node.endpoint() + "/");

    assertEquals("2 413", c.status());
    assertTrue(c.body().contains("<Code>InvalidParameterValue</Code>"), c.body());
  }

  @Test
  void http2PathWithABrokenEscapeIs400() throws Exception {
    Curl c = Curl.run("--http2", "--cacert", certificate.toString(), "--path-as-is",
        node.tlsEndpoint() + "/%zz?Action=ListQueues");

    assertEquals("2 400", c.status());
    assertTrue(c.body().contains("<Code>InvalidParameterValue</Code>"), c.body());
  }

  /**
   * Creates a queue, sends, receives and deletes a message through an HTTP/2 client (four requests),
   * which the node counts as HTTP/2 requests, over TLS for an https endpoint.
   */
  private static void assertRoundTripOverHttp2(URI endpoint, Path trusted, ProtocolNegotiation negotiation) {
    boolean tls = endpoint.getScheme().equals("https");
    double before = requests("h2", tls);
    try (SqsAsyncClient sqs = Http2Clients.sqsAsyncHttp2(endpoint, trusted, negotiation)) {
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("h2"))).join().queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("over h2")).join();

      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).join().messages();
      sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle())).join();

      assertEquals("over h2", got.get(0).body());
      assertTrue(url.startsWith(endpoint + "/"), url);
    }
    assertTrue(requests("h2", tls) >= before + 4, "requests over h2: " + (requests("h2", tls) - before));
  }

  private static double requests(String protocol, boolean tls) {
    return Prometheus.sample(Prometheus.scrape(node.endpoint()),
        "sluice_gateway_requests_total{protocol=\"" + protocol + "\",tls=\"" + tls + "\"").orElse(0);
  }
}

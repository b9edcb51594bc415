package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Http2Clients;
import io.sluice.testing.Prometheus;
import io.sluice.testing.RawHttp2;
import io.sluice.testing.SdkClients;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Connections that hold a handle without using it are closed (header and idle timeouts, set short
 * here); a request being answered, such as a held long poll, is not cut.
 */
class ConnectionTimeoutTest {
  private static final long HEADER_TIMEOUT_MS = 1000;
  private static final long IDLE_TIMEOUT_MS = 1500;
  /** How long a test waits for a close that should come after one of the timeouts. */
  private static final long CLOSE_DEADLINE_MS = 20_000;
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), TestSluice.withTls(Map.of(
        "SLUICE_HEADER_TIMEOUT_MS", Long.toString(HEADER_TIMEOUT_MS),
        "SLUICE_IDLE_TIMEOUT_MS", Long.toString(IDLE_TIMEOUT_MS))));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void connectionThatNeverSendsIsClosedAfterTheIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      long opened = System.nanoTime();

      awaitClosed(socket, () -> { });

      assertTrue(elapsedMs(opened) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(opened) + " ms");
    }
  }

  @Test
  void headersThatNeverFinishAreClosedAfterTheHeaderTimeoutThoughBytesKeepComing() throws IOException {
    try (Socket socket = connect()) {
      // Given a request whose headers trickle in, a line every 100 ms (well within the idle timeout)
      long opened = System.nanoTime();

      // Then the node closes the connection once the header timeout has passed
      awaitClosed(socket, tricklingHeaders(socket.getOutputStream()));
      assertTrue(elapsedMs(opened) >= HEADER_TIMEOUT_MS - 50, "closed after " + elapsedMs(opened) + " ms");
    }
  }

  @Test
  void keptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      // Given a connection that was answered and is kept alive
      socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = readAnswer(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      long answered = System.nanoTime();

      // Then it is closed once it has been idle for the idle timeout
      awaitClosed(socket, () -> { });
      assertTrue(elapsedMs(answered) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(answered) + " ms");
    }
  }

  @Test
  void nextRequestWhoseHeadersNeverFinishIsClosedAfterTheIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      // Given a kept-alive connection that was answered
      OutputStream out = socket.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200"));
      long answered = System.nanoTime();

      // When its next request's headers trickle in, then it is closed after the idle timeout
      awaitClosed(socket, tricklingHeaders(out));
      assertTrue(elapsedMs(answered) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(answered) + " ms");
    }
  }

  @Test
  void longPollHeldLongerThanBothTimeoutsIsAnswered() {
    try (SqsClient sqs = SdkClients.sqsWithoutRetries(node.endpoint())) {
      // Given a queue
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("held"))).queueUrl();
      long polled = System.nanoTime();

      // When a long poll waits three seconds, twice the idle timeout, for a message that never comes
      ReceiveMessageResponse answer = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(3));

      // Then it is answered (empty) at the end of its wait, on a connection that was not cut
      assertEquals(0, answer.messages().size());
      assertTrue(elapsedMs(polled) >= 2900, "answered after " + elapsedMs(polled) + " ms");
    }
  }

  @Test
  void http2PrefaceWithoutSettingsIsClosedAfterTheHeaderTimeout() throws IOException {
    try (Socket socket = connect()) {
      // Given a client that sends the HTTP/2 preface and never its SETTINGS
      long opened = System.nanoTime();
      socket.getOutputStream().write(RawHttp2.PREFACE);

      // Then the node closes the connection once the header timeout has passed
      awaitClosed(socket, () -> { });
      assertTrue(elapsedMs(opened) >= HEADER_TIMEOUT_MS - 50, "closed after " + elapsedMs(opened) + " ms");
    }
  }

  @Test
  void idleHttp2ConnectionIsClosedAfterTheIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      // Given an HTTP/2 connection (prior knowledge) that sends no request
      socket.getOutputStream().write(RawHttp2.opening());
      long opened = System.nanoTime();

      // Then it is closed once it has been idle for the idle timeout
      awaitClosed(socket, () -> { });
      assertTrue(elapsedMs(opened) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(opened) + " ms");
    }
  }

  @Test
  void idleHttp2ConnectionOverTlsWithoutAlpnIsServedThenClosedAfterTheIdleTimeout() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, Http2Clients.trustManagers(node.tlsCertificate()), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", node.sluice().tlsPort())) {
      // Given an HTTP/2 connection over TLS that offered no ALPN
      socket.setSoTimeout(100);
      socket.startHandshake();
      socket.getOutputStream().write(RawHttp2.opening());
      long opened = System.nanoTime();

      // Then the node answers in HTTP/2 (its first frame is SETTINGS)...
      RawHttp2.awaitFrame(socket.getInputStream(), RawHttp2.SETTINGS, 0);
      assertEquals("", socket.getApplicationProtocol());

      // ...and closes the connection once it has been idle for the idle timeout
      awaitClosed(socket, () -> { });
      assertTrue(elapsedMs(opened) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(opened) + " ms");
    }
  }

  @Test
  void longPollOverHttp2HeldLongerThanBothTimeoutsIsAnswered() {
    try (SqsAsyncClient sqs = Http2Clients.sqsAsyncHttp2(node.endpoint(), null, ProtocolNegotiation.ASSUME_PROTOCOL)) {
      // Given a queue, over an HTTP/2 client that does not retry
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("held2"))).join().queueUrl();
      long polled = System.nanoTime();

      // When a long poll waits three seconds, twice the idle timeout, for a message that never comes
      ReceiveMessageResponse answer = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(3)).join();

      // Then it is answered (empty) at the end of its wait: its stream was not cut
      assertEquals(0, answer.messages().size());
      assertTrue(elapsedMs(polled) >= 2900, "answered after " + elapsedMs(polled) + " ms");
    }
  }

  @Test
  void http2ConnectionWhoseHeldStreamWasCancelledIsClosedAfterTheIdleTimeout() throws IOException {
    String url;
    try (SqsClient sqs = SdkClients.sqsWithoutRetries(node.endpoint())) {
      url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("cancelled"))).queueUrl();
    }
    try (Socket socket = connect()) {
      // Given an HTTP/2 connection holding a 20-second long poll
      OutputStream out = socket.getOutputStream();
      byte[] form = ("Action=ReceiveMessage&Version=2012-11-05&WaitTimeSeconds=20&QueueUrl="
          + URLEncoder.encode(url, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
      out.write(RawHttp2.opening());
      out.write(RawHttp2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, 1, RawHttp2.headerBlock(
          ":method", "POST", ":scheme", "http", ":path", "/",
          ":authority", "127.0.0.1", "content-type", "application/x-www-form-urlencoded")));
      out.write(RawHttp2.frame(RawHttp2.DATA, RawHttp2.END_STREAM, 1, form));
      Prometheus.awaitHeldPolls(node.endpoint(), 1);

      // When the client cancels that stream (RST_STREAM, CANCEL)
      out.write(RawHttp2.frame(RawHttp2.RST_STREAM, 0, 1, new byte[] {0, 0, 0, 8}));
      long cancelled = System.nanoTime();

      // Then the connection, now idle, is closed after the idle timeout, long before the poll would end
      awaitClosed(socket, () -> { });
      assertTrue(elapsedMs(cancelled) >= IDLE_TIMEOUT_MS - 100, "closed after " + elapsedMs(cancelled) + " ms");
      assertTrue(elapsedMs(cancelled) < 15_000, "closed after " + elapsedMs(cancelled) + " ms");
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", node.port());
    socket.setSoTimeout(100);
    return socket;
  }

  /** Writes a request line at once, then one more header line each time it is called. */
  private static IoStep tricklingHeaders(OutputStream out) throws IOException {
    out.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    int[] line = {0};
    return () -> {
      out.write(("X-Slow-" + line[0]++ + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    };
  }

  /** Calls {@code step} every 100 ms until the peer closes the connection; fails after the deadline. */
  private static void awaitClosed(Socket socket, IoStep step) throws IOException {
    long deadline = System.nanoTime() + CLOSE_DEADLINE_MS * 1_000_000;
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < deadline) {
      try {
        step.run();
        if (in.read() < 0) {
          return;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        return; // reset by the peer: closed
      }
    }
    throw new AssertionError("the connection was still open after " + CLOSE_DEADLINE_MS + " ms");
  }

  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && !text.toString().contains("\"UP\"")) {
      try {
        int b = in.read();
        if (b < 0) {
          break;
        }
        text.append((char) b);
      } catch (SocketTimeoutException e) {
        // keep reading
      }
    }
    return text.toString();
  }

  private static long elapsedMs(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }
}

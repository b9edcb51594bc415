package io.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client for one request: used to detect the first answered request of
 * a starting server, where a full HTTP client would add its own start-up cost to the figure.
 */
final class Probe {
  private Probe() {}

  /**
   * Sends an SQS JSON 1.0 {@code CreateQueue} of the queue {@code bench-probe} (idempotent) to
   * {@code 127.0.0.1:port} on a new connection; true if it was answered with HTTP 200. Connection
   * refused and timeouts give false.
   */
  static boolean createQueueAnswered(int port) {
    return answered(port, "application/x-amz-json-1.0", "AmazonSQS.CreateQueue", "{\"QueueName\":\"bench-probe\"}");
  }

  /** Sends a Kinesis JSON 1.1 {@code ListStreams}; true if it was answered with HTTP 200. */
  static boolean listStreamsAnswered(int port) {
    return answered(port, "application/x-amz-json-1.1", "Kinesis_20131202.ListStreams", "{}");
  }

  /** Sends a Firehose JSON 1.1 {@code ListDeliveryStreams}; true if it was answered with HTTP 200. */
  static boolean listDeliveryStreamsAnswered(int port) {
    // Signed for firehose: moto_server picks the service by the credential scope.
    return answered(port, "application/x-amz-json-1.1", "Firehose_20150804.ListDeliveryStreams", "{}",
        SqsWire.AUTHORIZATION.replace("/sqs/", "/firehose/"));
  }

  private static boolean answered(int port, String contentType, String target, String body) {
    return answered(port, contentType, target, body, SqsWire.AUTHORIZATION);
  }

  private static boolean answered(int port, String contentType, String target, String body, String authorization) {
    String request = "POST / HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Content-Type: " + contentType + "\r\n"
        + "X-Amz-Target: " + target + "\r\n"
        + "X-Amz-Date: 20250101T000000Z\r\n"
        + "Authorization: " + authorization + "\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + "Connection: close\r\n\r\n" + body;
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = new byte[12];
      int n = 0;
      while (n < head.length) {
        int r = in.read(head, n, head.length - n);
        if (r < 0) {
          return false;
        }
        n += r;
      }
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  /** True when something accepts TCP connections on {@code 127.0.0.1:port}. */
  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A lean SNS client for load: the query protocol the AWS SDKs speak to SNS (a form-encoded POST
 * naming the {@code Action}, an XML reply) over the same keep-alive HTTP/1.1 connections as
 * {@link SqsWire}, one request in flight per connection. Bodies are built by the caller, usually
 * once per scenario; the Authorization header is a fixed, well-formed SigV4 header whose credential
 * scope names {@code sns} (Sluice without configured credentials does not check signatures).
 */
final class SnsWire {
  static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDSLUICEBENCH/20250101/us-east-1/sns/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0".repeat(64);
  private static final String VERSION = "2010-03-31";

  private final HttpClientAgent http;
  private final Context context;
  private final RequestOptions request;

  SnsWire(Vertx vertx, String host, int port, int maxConnections) {
    this.context = vertx.getOrCreateContext();
    this.http = SqsWire.httpClient(vertx, host, port, maxConnections);
    MultiMap headers = HttpHeaders.headers()
        .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .add("X-Amz-Date", "20250101T000000Z")
        .add("Authorization", AUTHORIZATION);
    this.request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI("/")
        .setHeaders(headers);
  }

  /**
   * Sends one request; the future has the XML reply of a 2xx answer, and fails with
   * {@link SqsWire.BadReply} (the SNS error code and message) on any other status, or on a
   * transport error.
   */
  Future<String> callOk(String action, Buffer form) {
    if (Vertx.currentContext() == null) {
      // From a thread of the harness's own: made from an event loop, as SqsWire#call explains.
      Promise<String> reply = Promise.promise();
      context.runOnContext(v -> callOk(action, form).onComplete(reply));
      return reply.future();
    }
    return http.request(request)
        .compose(req -> req.send(form))
        .compose(resp -> resp.body().map(b -> {
          String xml = b.toString(StandardCharsets.UTF_8);
          if (resp.statusCode() / 100 != 2) {
            throw new SqsWire.BadReply(action + ": " + element(xml, "Code") + " (HTTP " + resp.statusCode() + "): "
                + element(xml, "Message"));
          }
          return xml;
        }));
  }

  /** Closes the connections. */
  Future<Void> close() {
    return http.close();
  }

  // --- request bodies ---------------------------------------------------------------------------

  /** {@code CreateTopic} of a standard topic. */
  static Buffer createTopic(String name) {
    return form("CreateTopic", "Name", name);
  }

  /** {@code Subscribe} of an SQS queue, given by its ARN, to a topic, with raw message delivery or without. */
  static Buffer subscribeQueue(String topicArn, String queueArn, boolean raw) {
    return form("Subscribe", "TopicArn", topicArn, "Protocol", "sqs", "Endpoint", queueArn,
        "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", Boolean.toString(raw));
  }

  /** {@code Publish} of one message to a topic. */
  static Buffer publish(String topicArn, String message) {
    return form("Publish", "TopicArn", topicArn, "Message", message);
  }

  /** A form body {@code Action=…&Version=…&name=value…}, values URL-encoded. */
  static Buffer form(String action, String... namesAndValues) {
    StringBuilder b = new StringBuilder("Action=").append(action).append("&Version=").append(VERSION);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      b.append('&').append(namesAndValues[i]).append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return Buffer.buffer(b.toString(), "UTF-8");
  }

  /** The text of the first {@code <name>} element of an XML reply, or "?" (the replies are flat enough). */
  static String element(String xml, String name) {
    int start = xml.indexOf("<" + name + ">");
    int end = start < 0 ? -1 : xml.indexOf("</" + name + ">", start);
    return end < 0 ? "?" : xml.substring(start + name.length() + 2, end);
  }
}

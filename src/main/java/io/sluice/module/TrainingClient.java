package io.sluice.module;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;

/**
 * The HTTP client of the ahead-of-time training run: sends requests to a node as the AWS SDKs and
 * the CLI do, and hands back the answer's body. A failed call fails the training (and the build).
 */
public final class TrainingClient {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String endpoint;

  public TrainingClient(String endpoint) {
    this.endpoint = endpoint;
  }

  /** The node's base URL, e.g. {@code http://127.0.0.1:4566}. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * A query-protocol call: a form POST of {@code form} plus {@code &Version=<version>}, with a
   * SigV4-shaped {@code Authorization} header whose credential scope names {@code signingName}
   * (null: none, as some older clients send).
   */
  public String query(String signingName, String version, String form) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=" + version));
    if (signingName != null) {
      request.header("authorization", "AWS4-HMAC-SHA256 Credential=AKIDTRAINING/20250101/us-east-1/" + signingName
          + "/aws4_request, SignedHeaders=host, Signature=0");
    }
    return send(request.build());
  }

  /** A JSON-protocol call: {@code body} posted with {@code X-Amz-Target: <target>}. */
  public String json(String contentType, String target, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", contentType)
        .header("x-amz-target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A call with a binary body (CBOR): {@code body} posted with {@code X-Amz-Target: <target>}; the answer's bytes. */
  public byte[] binary(String contentType, String target, byte[] body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", contentType)
        .header("x-amz-target", target)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  /**
   * A call answered with an AWS event stream (Kinesis {@code SubscribeToShard}): the bytes of its
   * first {@code messages} messages (each message starts with its total length, 4 bytes big-endian);
   * then the connection is dropped, as a client that hangs up. Fails if the stream ends before.
   */
  public byte[] eventStream(String contentType, String target, String body, int messages)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", contentType)
        .header("x-amz-target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (InputStream in = response.body()) {
      for (int i = 0; i < messages; i++) {
        byte[] length = in.readNBytes(4);
        if (length.length < 4) {
          throw new IOException("the event stream ended after " + i + " messages (HTTP " + response.statusCode() + ")");
        }
        int total = ByteBuffer.wrap(length).getInt();
        byte[] rest = in.readNBytes(total - 4);
        if (rest.length < total - 4) {
          throw new IOException("the event stream ended inside message " + (i + 1));
        }
        read.write(length);
        read.write(rest);
      }
    }
    return read.toByteArray();
  }

  /** A GET of {@code pathAndQuery} (a REST API such as the S3 read path); the answer's text. */
  public String get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery)).GET().build());
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}

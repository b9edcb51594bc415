package io.sluice.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Plain HTTP requests for black-box tests that must send what no SDK would (unsigned, malformed,
 * oversized, hand-made signatures), and small readers for AWS's XML and JSON answers.
 */
public final class RawHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private RawHttp() {}

  /** An answer: status, headers (first value, lower-case names) and body text. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The XML document of the body. */
    public Document xml() {
      try {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new AssertionError("not XML: " + body, e);
      }
    }

    /** Text of the first element named {@code name} anywhere in the XML body, or null. */
    public String xmlText(String name) {
      var nodes = xml().getElementsByTagNameNS("*", name);
      return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** The query protocol's error code ({@code ErrorResponse/Error/Code}). */
    public String xmlErrorCode() {
      return xmlText("Code");
    }

    /** Names of the element children of {@code element}, in order. */
    public static java.util.List<String> childNames(Element element) {
      java.util.List<String> names = new java.util.ArrayList<>();
      for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeType() == Node.ELEMENT_NODE) {
          names.add(n.getLocalName());
        }
      }
      return names;
    }
  }

  public static Answer post(URI uri, Map<String, String> headers, String body) {
    return send(uri, "POST", headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A form POST ({@code application/x-www-form-urlencoded}), as query-protocol clients send. */
  public static Answer postForm(URI uri, String form) {
    return post(uri, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form);
  }

  /** A JSON 1.0 call of {@code target} (e.g. {@code AmazonSQS.CreateQueue}). */
  public static Answer postJson(URI uri, String target, String json) {
    return post(uri, Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", target), json);
  }

  public static Answer get(URI uri, Map<String, String> headers) {
    return send(uri, "GET", headers, null);
  }

  public static Answer send(URI uri, String method, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Map<String, String> h = new java.util.HashMap<>();
      r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      return new Answer(r.statusCode(), h, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A request signed (SigV4, in the {@code Authorization} header) by the AWS SDK's signer with this
   * key for {@code service} in us-east-1.
   */
  public static Answer sendSigned(URI uri, String method, String body, String key, String secret, String service) {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> b
        .identity(AwsCredentialsIdentity.create(key, secret))
        .request(unsigned)
        .payload(bytes == null ? null : ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    Map<String, String> headers = new java.util.HashMap<>();
    // java.net.http sets Host itself, to the value the signer signed.
    signed.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        headers.put(name, values.get(0));
      }
    });
    return send(signed.getUri(), method, headers, bytes);
  }
}

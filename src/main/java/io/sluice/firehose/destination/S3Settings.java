package io.sluice.firehose.destination;

import java.net.URI;

/**
 * Where Firehose's S3 output goes: an S3 endpoint (real Amazon S3 or any S3-compatible server,
 * addressed path-style) and the credentials and region it is signed with. An empty endpoint means
 * none is configured (Sluice then keeps the objects in its own store).
 */
public record S3Settings(String endpoint, String accessKeyId, String secretAccessKey, String region) {

  /** No endpoint, the defaults of {@code conf/firehose.conf}. */
  public static final S3Settings NONE = new S3Settings("", "sluice", "sluice", "us-east-1");

  public S3Settings {
    endpoint = endpoint == null ? "" : endpoint.trim();
  }

  /** Whether an endpoint is configured. */
  public boolean configured() {
    return !endpoint.isEmpty();
  }

  /** A problem with {@code endpoint} as a setting ("must be …"), or null. */
  public static String checkEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(endpoint.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return null;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    return "must be empty or an http(s) URL such as http://127.0.0.1:9000";
  }
}

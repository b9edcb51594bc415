package io.sluice.gateway;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Requests malformed at the HTTP level, answered before routing with a 4xx: an HTTP/1.1 request
 * without a usable {@code Host} (RFC 9112 section 3.2 requires one), a request target that is not a
 * path ({@code OPTIONS *}, {@code CONNECT host:port}), a path with a broken percent-escape.
 */
final class HttpScreen {
  /** Why a request is refused: the HTTP status and the AWS error to render. */
  record Refusal(int status, AwsException error) {}

  private HttpScreen() {}

  /** The refusal of {@code req}, or null when it may be routed. */
  static Refusal check(HttpServerRequest req) {
    if (req.method() == HttpMethod.CONNECT) {
      return new Refusal(405, AwsException.of(CommonError.InvalidAction, "The HTTP method CONNECT is not supported."));
    }
    String path = req.path();
    if (path == null || !path.startsWith("/")) {
      return new Refusal(400, AwsException.of(CommonError.InvalidParameterValue,
          "The request target must be a path beginning with '/'."));
    }
    if (!wellEscaped(path)) {
      return new Refusal(400, AwsException.of(CommonError.InvalidParameterValue,
          "The request path contains a malformed percent-escape."));
    }
    boolean http1 = req.version() != HttpVersion.HTTP_2;
    if (http1 && req.authority() == null && (req.version() == HttpVersion.HTTP_1_1 || req.getHeader("host") != null)) {
      return new Refusal(400, AwsException.of(CommonError.InvalidParameterValue,
          "The request must carry a valid Host header."));
    }
    return null;
  }

  private static boolean wellEscaped(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
          || Character.digit(path.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}

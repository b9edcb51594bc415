package io.sluice.gateway;

import io.sluice.protocol.HttpReply;
import io.vertx.core.Future;
import java.util.Map;

/** A {@code GET} path a service serves beside its API (e.g. SNS's signing certificate). */
@FunctionalInterface
public interface HttpResource {

  /** The reply to a request with these query parameters (the first value of each). */
  Future<HttpReply> get(Map<String, String> query);
}

package io.sluice.gateway;

import io.sluice.protocol.Caller;
import io.sluice.protocol.HttpReply;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code GET} path a service serves beside its API (e.g. SNS's outbox). With credentials
 * configured, a request must be SigV4-signed by a known key (scoped to any service) unless the
 * resource is {@linkplain #open public}, and shows or changes only that key's account.
 */
@FunctionalInterface
public interface HttpResource {

  /**
   * The reply to a request with these query parameters (the first value of each).
   *
   * @param caller the signer, whose account alone the request may see or change; null when the node
   *               checks no signatures (or the resource is public): every account
   */
  Future<HttpReply> get(Map<String, String> query, Caller caller);

  /** Whether a request must be signed when the node checks signatures. */
  default boolean signed() {
    return true;
  }

  /** A resource anyone may read, signed or not (e.g. the SNS signing certificate). */
  static HttpResource open(Function<Map<String, String>, Future<HttpReply>> get) {
    return new HttpResource() {
      @Override
      public Future<HttpReply> get(Map<String, String> query, Caller caller) {
        return get.apply(query);
      }

      @Override
      public boolean signed() {
        return false;
      }
    };
  }
}

package io.sluice.module;

import io.sluice.gateway.HttpResource;
import io.sluice.gateway.RestApi;
import io.sluice.protocol.CredentialSource;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** A service started on a node: what the launcher and the gateway need of it while it runs. */
public interface RunningService {

  /** {@code GET} paths the gateway serves for this service, beside its API. */
  default Map<String, HttpResource> resources() {
    return Map.of();
  }

  /**
   * APIs this service serves in REST style beside its own (Firehose: S3's read API over its stored
   * objects), which the gateway routes by their signing name (see {@link RestApi}).
   */
  default List<RestApi> restApis() {
    return List.of();
  }

  /**
   * Forgets every copy of stored state this node keeps (caches). Called on every node after a
   * reset wiped the store.
   */
  default void forgetCaches() {}

  /**
   * The access keys this service issues while it runs (STS's temporary credentials), which the
   * gateway then accepts beside the configured ones.
   */
  default CredentialSource credentials() {
    return CredentialSource.NONE;
  }

  /**
   * The first step of a graceful stop, before the gateways stop: answers every request the service
   * holds (long polls) now, and refuses to hold new ones.
   */
  default void quiesce() {}

  /**
   * The last step of a graceful stop, after the gateways stopped: stops background work and closes
   * clients. What is left to do stays in the store for the next node.
   */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}

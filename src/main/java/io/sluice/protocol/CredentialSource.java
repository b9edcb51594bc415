package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the signature check finds the secret of an access key: the configured keys, and keys a
 * service issues while the node runs (temporary credentials). Lookups may go to the store.
 */
@FunctionalInterface
public interface CredentialSource {

  /** The key with this id, or empty when this source does not know it. */
  CompletionStage<Optional<AccessKey>> find(String accessKeyId);

  /** A source that knows no key. */
  CredentialSource NONE = id -> CompletableFuture.completedFuture(Optional.empty());

  /** The configured long-term keys. */
  static CredentialSource of(List<SluiceConfig.Credential> credentials) {
    Map<String, AccessKey> keys = credentials.stream()
        .map(c -> AccessKey.longTerm(c.accessKeyId(), c.secretAccessKey(), c.account()))
        .collect(Collectors.toMap(AccessKey::accessKeyId, Function.identity(), (a, b) -> a));
    return id -> CompletableFuture.completedFuture(Optional.ofNullable(keys.get(id)));
  }

  /** This source, then {@code next} for the keys this one does not know. */
  default CredentialSource orElse(CredentialSource next) {
    return id -> find(id).thenCompose(found -> found.isPresent()
        ? CompletableFuture.completedFuture(found) : next.find(id));
  }
}

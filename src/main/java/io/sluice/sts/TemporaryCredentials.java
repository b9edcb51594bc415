package io.sluice.sts;

import io.sluice.protocol.AccessKey;
import io.sluice.protocol.CredentialSource;
import io.sluice.storage.Sealer;
import io.sluice.storage.documents.Condition;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The temporary credentials STS issued: one node-wide document per access key ({@link Scope#GLOBAL},
 * id: the key id) in the shared document store, so every node accepts them and they survive a
 * restart on Redis. The secret is kept sealed with the node's SSE key, the session token only as
 * its digest. A credential works until it expires; it is kept {@link #RETENTION} longer, so that
 * requests made with it are answered ExpiredToken rather than InvalidClientTokenId, then deleted
 * by {@link #deleteExpired}.
 */
public final class TemporaryCredentials implements CredentialSource {
  /** How long an expired credential is kept. */
  public static final Duration RETENTION = Duration.ofDays(1);
  private static final DocumentKind<Stored> KIND = DocumentKind.of("sts-credential", Stored.class);
  private static final String SEAL_KEY_ID = "sts-credentials";
  /** The characters of AWS-style key and unique ids. */
  static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

  /**
   * Who a temporary credential is: the account it acts in, its ARN and user id as GetCallerIdentity
   * reports them, and whether AssumeRole issued it (a role session) or GetSessionToken.
   */
  public record Identity(String account, String arn, String userId, boolean roleSession) {}

  /** A credential as handed to the caller. */
  public record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {}

  /** A credential as stored. */
  record Stored(String accessKeyId, String sealedSecret, String sessionTokenDigest, String account, String arn,
                String userId, boolean roleSession, long expiresAtMillis) {}

  private final DocumentStore documents;
  private final Sealer sealer;
  private final InstantSource clock;

  public TemporaryCredentials(DocumentStore documents, Sealer sealer, InstantSource clock) {
    this.documents = documents;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** Issues and stores a new credential for {@code identity}, valid for {@code duration} from now. */
  public CompletionStage<Issued> issue(Identity identity, Duration duration) {
    String keyId = "ASIA" + randomKeyId(16);
    String secret = random(30);
    String token = random(96);
    Instant expiration = clock.instant().plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String sealed = Base64.getEncoder().encodeToString(sealer.seal(secret.getBytes(StandardCharsets.UTF_8),
        SEAL_KEY_ID));
    Stored stored = new Stored(keyId, sealed, AccessKey.digest(token), identity.account(), identity.arn(),
        identity.userId(), identity.roleSession(), expiration.toEpochMilli());
    return documents.put(KIND, Scope.GLOBAL, keyId, stored)
        .thenApply(s -> new Issued(keyId, secret, token, expiration));
  }

  /** Who the temporary credential with this key id is, if STS issued it. */
  public CompletionStage<Optional<Identity>> identity(String accessKeyId) {
    if (!accessKeyId.startsWith("ASIA")) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return documents.find(KIND, Scope.GLOBAL, accessKeyId)
        .thenApply(found -> found.map(s -> new Identity(s.account(), s.arn(), s.userId(), s.roleSession())));
  }

  @Override
  public CompletionStage<Optional<AccessKey>> find(String accessKeyId) {
    if (!accessKeyId.startsWith("ASIA")) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return documents.find(KIND, Scope.GLOBAL, accessKeyId).thenApply(found -> found.map(s -> new AccessKey(
        s.accessKeyId(), new String(sealer.open(Base64.getDecoder().decode(s.sealedSecret())), StandardCharsets.UTF_8),
        s.account(), s.sessionTokenDigest(), Instant.ofEpochMilli(s.expiresAtMillis()))));
  }

  /** Deletes the credentials that expired more than {@link #RETENTION} ago; answers how many. */
  public CompletionStage<Integer> deleteExpired() {
    long before = clock.instant().minus(RETENTION).toEpochMilli();
    return documents.list(KIND, Scope.GLOBAL, "").thenCompose(all -> {
      CompletableFuture<Integer> deleted = CompletableFuture.completedFuture(0);
      for (var doc : all) {
        if (doc.value().expiresAtMillis() < before) {
          deleted = deleted.thenCombine(documents.deleteIf(KIND, Scope.GLOBAL, doc.id(),
              List.of(Condition.atMost("expiresAtMillis", before))), (n, outcome) -> outcome.applied() ? n + 1 : n);
        }
      }
      return deleted;
    });
  }

  private static String randomKeyId(int length) {
    char[] out = new char[length];
    SecureRandom random = RANDOM.get();
    for (int i = 0; i < length; i++) {
      out[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
    }
    return new String(out);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.get().nextBytes(b);
    return Base64.getEncoder().withoutPadding().encodeToString(b);
  }
}

package io.sluice.sts;

import io.sluice.config.SluiceConfig;
import io.sluice.protocol.RequestContext;
import io.sluice.sts.TemporaryCredentials.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What STS operations work with: the temporary credentials, the configured keys and the clock. */
public final class StsServices {
  private final TemporaryCredentials credentials;
  private final Map<String, SluiceConfig.Credential> configured;
  private final InstantSource clock;

  public StsServices(TemporaryCredentials credentials, List<SluiceConfig.Credential> configured, InstantSource clock) {
    this.credentials = credentials;
    this.configured = configured.stream()
        .collect(Collectors.toMap(SluiceConfig.Credential::accessKeyId, Function.identity(), (a, b) -> a));
    this.clock = clock;
  }

  public TemporaryCredentials credentials() {
    return credentials;
  }

  public InstantSource clock() {
    return clock;
  }

  /** A caller's identity, and whether it signed with a temporary credential. */
  public record Caller(Identity identity, boolean temporary) {}

  /**
   * Who called: the identity of the temporary credential the request was signed with, if STS issued
   * it; else the configured key's IAM user, if it names one; else the root user of the request's
   * account (what any key stands for when signatures are not checked).
   */
  public CompletionStage<Caller> caller(RequestContext ctx) {
    return credentials.identity(ctx.accessKeyId()).thenApply(temporary -> new Caller(
        temporary.orElseGet(() -> longTerm(ctx)), temporary.isPresent()));
  }

  private Identity longTerm(RequestContext ctx) {
    SluiceConfig.Credential key = configured.get(ctx.accessKeyId());
    if (key != null && !key.user().isEmpty()) {
      String arn = "arn:aws:iam::" + key.account() + ":user/" + key.user();
      return new Identity(key.account(), arn, stableId("AIDA", arn), false);
    }
    // AWS reports the account id as the root user's id.
    return new Identity(ctx.account(), rootArn(ctx.account()), ctx.account(), false);
  }

  /** True for the ARN of an account's root user. */
  public static boolean isRoot(Identity identity) {
    return identity.arn().equals(rootArn(identity.account()));
  }

  private static String rootArn(String account) {
    return "arn:aws:iam::" + account + ":root";
  }

  /** An IAM-style unique id: {@code prefix} and 17 characters derived from {@code source}, the same every time. */
  public static String stableId(String prefix, String source) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(prefix);
      for (int i = 0; i < 17; i++) {
        String alphabet = TemporaryCredentials.ID_ALPHABET;
        sb.append(alphabet.charAt((hash[i] & 0xFF) % alphabet.length()));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

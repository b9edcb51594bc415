package io.sluice.sts;

import io.sluice.protocol.RequestContext;
import io.sluice.sts.TemporaryCredentials.Identity;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/** What STS operations work with: the temporary credentials and the clock. */
public record StsServices(TemporaryCredentials credentials, InstantSource clock) {

  /**
   * Who called: the identity of the temporary credential the request was signed with, if STS issued
   * it, else the root user of the request's account (what a configured key, or any key when
   * signatures are not checked, stands for).
   */
  public CompletionStage<Caller> caller(RequestContext ctx) {
    return credentials.identity(ctx.accessKeyId()).thenApply(temporary -> new Caller(
        temporary.orElseGet(() -> root(ctx.account())), temporary.isPresent()));
  }

  /** A caller's identity, and whether it signed with a temporary credential. */
  public record Caller(Identity identity, boolean temporary) {}

  /** The root user of an account; AWS reports the account id as its user id. */
  public static Identity root(String account) {
    return new Identity(account, "arn:aws:iam::" + account + ":root", account, false);
  }
}

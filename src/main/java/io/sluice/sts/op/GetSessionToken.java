package io.sluice.sts.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.sts.StsServices;
import io.sluice.sts.StsValidation;
import io.sluice.sts.op.AssumeRole.Credentials;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * GetSessionToken: temporary credentials that act as the caller, in the caller's account.
 * DurationSeconds 900..129600 (default 43200); a configured key without a user name is its
 * account's root user, whose sessions AWS cuts to one hour ("Sessions for AWS account owners are restricted to a
 * maximum of 3600 seconds", STS API Reference, GetSessionToken). Temporary credentials cannot call it.
 */
public final class GetSessionToken implements Operation<GetSessionToken.Request, GetSessionToken.Response> {
  private static final int DEFAULT_SECONDS = 43200;
  private static final int ROOT_MAX_SECONDS = 3600;

  public record Request(Integer durationSeconds, String serialNumber, String tokenCode) {}

  public record Response(Credentials credentials) {}

  private final StsServices sts;

  public GetSessionToken(StsServices sts) {
    this.sts = sts;
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    new StsValidation().range("durationSeconds", req.durationSeconds(), 900, 129600).check();
    int requested = req.durationSeconds() != null ? req.durationSeconds() : DEFAULT_SECONDS;
    return sts.caller(ctx).thenCompose(caller -> {
      if (caller.temporary()) {
        throw AwsException.of(CommonError.AccessDenied, "Cannot call GetSessionToken with session credentials");
      }
      int seconds = StsServices.isRoot(caller.identity()) ? Math.min(requested, ROOT_MAX_SECONDS) : requested;
      return sts.credentials().issue(caller.identity(), Duration.ofSeconds(seconds));
    }).thenApply(issued -> new Response(new Credentials(issued.accessKeyId(), issued.secretAccessKey(),
        issued.sessionToken(), issued.expiration())));
  }
}

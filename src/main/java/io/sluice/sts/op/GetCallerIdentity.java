package io.sluice.sts.op;

import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.sts.StsServices;
import java.util.concurrent.CompletionStage;

/**
 * GetCallerIdentity: the account, ARN and user id of the caller: a configured key's (or, when
 * signatures are not checked, any key's) account root, {@code arn:aws:iam::<account>:root}; a role
 * session's {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}.
 */
public final class GetCallerIdentity implements Operation<GetCallerIdentity.Request, GetCallerIdentity.Response> {

  public record Request() {}

  public record Response(String userId, String account, String arn) {}

  private final StsServices sts;

  public GetCallerIdentity(StsServices sts) {
    this.sts = sts;
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return sts.caller(ctx).thenApply(caller -> new Response(caller.identity().userId(), caller.identity().account(),
        caller.identity().arn()));
  }
}

package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetSMSSandboxAccountStatus: always {@code IsInSandbox=false}. New AWS accounts start in the SMS
 * sandbox and may text only verified numbers; Sluice's accounts send to any number, so that tests
 * need not verify theirs (the sandbox actions still manage a list of numbers).
 */
public final class GetSMSSandboxAccountStatus
    extends SnsOperation<GetSMSSandboxAccountStatus.Request, GetSMSSandboxAccountStatus.Response> {

  public record Request() {}

  public record Response(Boolean isInSandbox) {}

  public GetSMSSandboxAccountStatus(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return CompletableFuture.completedFuture(new Response(false));
  }
}

package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SmsSandbox;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletionStage;

/**
 * DeleteSMSSandboxPhoneNumber: removes a number from the sandbox, at the earliest 24 hours after its
 * verification or last verification attempt (UserError before); ResourceNotFound if it is not there.
 */
public final class DeleteSMSSandboxPhoneNumber
    extends SnsOperation<DeleteSMSSandboxPhoneNumber.Request, DeleteSMSSandboxPhoneNumber.Response> {

  public record Request(String phoneNumber) {}

  public record Response() {}

  private final SmsSandbox sandbox;

  public DeleteSMSSandboxPhoneNumber(SnsServices sns) {
    super(sns);
    this.sandbox = new SmsSandbox(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String number = SmsSandbox.requireNumber(req.phoneNumber());
    return sandbox.delete(ctx.region(), ctx.account(), number, now()).thenApply(v -> new Response());
  }
}

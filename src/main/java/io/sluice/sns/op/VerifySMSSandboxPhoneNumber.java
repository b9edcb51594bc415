package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SmsSandbox;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletionStage;

/**
 * VerifySMSSandboxPhoneNumber: marks a sandbox number Verified when given the password sent to it;
 * VerificationException for a wrong one, ResourceNotFound for a number not in the sandbox.
 */
public final class VerifySMSSandboxPhoneNumber
    extends SnsOperation<VerifySMSSandboxPhoneNumber.Request, VerifySMSSandboxPhoneNumber.Response> {

  public record Request(String phoneNumber, String oneTimePassword) {}

  public record Response() {}

  private final SmsSandbox sandbox;

  public VerifySMSSandboxPhoneNumber(SnsServices sns) {
    super(sns);
    this.sandbox = new SmsSandbox(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String number = SmsSandbox.requireNumber(req.phoneNumber());
    if (req.oneTimePassword() == null || !req.oneTimePassword().matches("[0-9]{5,8}")) {
      throw PlatformAttributes.invalid("OneTimePassword", "must be 5 to 8 digits");
    }
    return sandbox.verify(ctx.region(), ctx.account(), number, req.oneTimePassword(), now())
        .thenApply(v -> new Response());
  }
}

package io.sluice.sns.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.OptOuts;
import io.sluice.sns.PhoneNumbers;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletionStage;

/** CheckIfPhoneNumberIsOptedOut: whether the number opted out of the account's SMS in the region. */
public final class CheckIfPhoneNumberIsOptedOut
    extends SnsOperation<CheckIfPhoneNumberIsOptedOut.Request, CheckIfPhoneNumberIsOptedOut.Response> {

  public record Request(@QueryName("phoneNumber") String phoneNumber) {}

  public record Response(@QueryName("isOptedOut") boolean isOptedOut) {}

  private final OptOuts optOuts;

  public CheckIfPhoneNumberIsOptedOut(SnsServices sns) {
    super(sns);
    this.optOuts = new OptOuts(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String number = PhoneNumbers.require("phoneNumber", req.phoneNumber());
    return optOuts.isOptedOut(ctx.region(), ctx.account(), number).thenApply(Response::new);
  }
}

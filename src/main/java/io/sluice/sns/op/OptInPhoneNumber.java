package io.sluice.sns.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.OptOuts;
import io.sluice.sns.PhoneNumbers;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletionStage;

/**
 * OptInPhoneNumber: lets the account send SMS to an opted-out number again; once per number every
 * 30 days. Numbers opt out when their holder replies STOP (simulated at {@link OptOuts#REPLY_PATH}).
 */
public final class OptInPhoneNumber extends SnsOperation<OptInPhoneNumber.Request, OptInPhoneNumber.Response> {

  public record Request(@QueryName("phoneNumber") String phoneNumber) {}

  public record Response() {}

  private final OptOuts optOuts;

  public OptInPhoneNumber(SnsServices sns) {
    super(sns);
    this.optOuts = new OptOuts(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String number = PhoneNumbers.require("phoneNumber", req.phoneNumber());
    return optOuts.optIn(ctx.region(), ctx.account(), number, now()).thenApply(v -> new Response());
  }
}

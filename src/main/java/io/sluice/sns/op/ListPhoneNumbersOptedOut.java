package io.sluice.sns.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.OptOuts;
import io.sluice.sns.Pages;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListPhoneNumbersOptedOut: the account's opted-out numbers in the region, 100 per page. */
public final class ListPhoneNumbersOptedOut
    extends SnsOperation<ListPhoneNumbersOptedOut.Request, ListPhoneNumbersOptedOut.Response> {

  public record Request(@QueryName("nextToken") String nextToken) {}

  public record Response(@QueryName("phoneNumbers") List<String> phoneNumbers,
                         @QueryName("nextToken") String nextToken) {}

  private final OptOuts optOuts;

  public ListPhoneNumbersOptedOut(SnsServices sns) {
    super(sns);
    this.optOuts = new OptOuts(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return optOuts.optedOut(ctx.region(), ctx.account()).thenApply(numbers -> {
      Pages.Page<String> page = Pages.page(numbers, req.nextToken(), 100, n -> n);
      return new Response(page.items(), page.nextToken());
    });
  }
}

package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.Pages;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SmsSandbox;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListSMSSandboxPhoneNumbers: the sandbox's numbers with their status, up to MaxResults (1–100) per page. */
public final class ListSMSSandboxPhoneNumbers
    extends SnsOperation<ListSMSSandboxPhoneNumbers.Request, ListSMSSandboxPhoneNumbers.Response> {

  public record Request(String nextToken, Integer maxResults) {}

  public record SMSSandboxPhoneNumber(String phoneNumber, String status) {}

  public record Response(List<SMSSandboxPhoneNumber> phoneNumbers, String nextToken) {}

  private final SmsSandbox sandbox;

  public ListSMSSandboxPhoneNumbers(SnsServices sns) {
    super(sns);
    this.sandbox = new SmsSandbox(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int max = req.maxResults() == null ? 100 : req.maxResults();
    if (max < 1 || max > 100) {
      throw PlatformAttributes.invalid("MaxResults", "must be between 1 and 100");
    }
    return sandbox.numbers(ctx.region(), ctx.account()).thenApply(numbers -> {
      Pages.Page<SmsSandbox.SandboxNumber> page = Pages.page(numbers, req.nextToken(), max,
          SmsSandbox.SandboxNumber::phoneNumber);
      return new Response(page.items().stream().map(n -> new SMSSandboxPhoneNumber(n.phoneNumber(), n.status()))
          .toList(), page.nextToken());
    });
  }
}

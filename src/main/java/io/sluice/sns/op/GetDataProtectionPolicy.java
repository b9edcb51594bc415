package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletionStage;

/** GetDataProtectionPolicy: the topic's data protection policy (empty when none is set). Kept, not enforced. */
public final class GetDataProtectionPolicy
    extends SnsOperation<GetDataProtectionPolicy.Request, GetDataProtectionPolicy.Response> {

  public record Request(String resourceArn) {}

  public record Response(String dataProtectionPolicy) {}

  public GetDataProtectionPolicy(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return topic(ctx, req.resourceArn()).thenApply(t -> new Response(
        t.attributes().getOrDefault("DataProtectionPolicy", "")));
  }
}

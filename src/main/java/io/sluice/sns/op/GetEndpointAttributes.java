package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** GetEndpointAttributes: Token, Enabled and CustomUserData (when set) of an endpoint. */
public final class GetEndpointAttributes
    extends SnsOperation<GetEndpointAttributes.Request, GetEndpointAttributes.Response> {

  public record Request(String endpointArn) {}

  public record Response(Map<String, String> attributes) {}

  private final PlatformApplications platforms;

  public GetEndpointAttributes(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return platforms.endpoint(ctx, req.endpointArn()).thenApply(e -> new Response(
        PlatformAttributes.shown(e, PlatformApplications.platformOf(e.arn()))));
  }
}

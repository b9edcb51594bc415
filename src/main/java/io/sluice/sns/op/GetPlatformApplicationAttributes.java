package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** GetPlatformApplicationAttributes: the application's attributes without its credentials. */
public final class GetPlatformApplicationAttributes
    extends SnsOperation<GetPlatformApplicationAttributes.Request, GetPlatformApplicationAttributes.Response> {

  public record Request(String platformApplicationArn) {}

  public record Response(Map<String, String> attributes) {}

  private final PlatformApplications platforms;

  public GetPlatformApplicationAttributes(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return platforms.application(ctx, req.platformApplicationArn())
        .thenApply(app -> new Response(PlatformAttributes.shown(app)));
  }
}

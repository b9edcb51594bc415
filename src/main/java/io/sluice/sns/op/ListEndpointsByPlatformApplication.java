package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.Pages;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** ListEndpointsByPlatformApplication: an application's endpoints with their attributes, 100 per page. */
public final class ListEndpointsByPlatformApplication
    extends SnsOperation<ListEndpointsByPlatformApplication.Request, ListEndpointsByPlatformApplication.Response> {

  public record Request(String platformApplicationArn, String nextToken) {}

  public record Endpoint(String endpointArn, Map<String, String> attributes) {}

  public record Response(List<Endpoint> endpoints, String nextToken) {}

  private final PlatformApplications platforms;

  public ListEndpointsByPlatformApplication(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return platforms.application(ctx, req.platformApplicationArn()).thenCompose(app -> platforms.endpointArns(app.arn())
        .thenCompose(arns -> {
          Pages.Page<String> page = Pages.page(arns, req.nextToken(), ListPlatformApplications.PAGE_SIZE, arn -> arn);
          return platforms.endpoints(app.arn(), page.items()).thenApply(endpoints -> new Response(endpoints.stream()
              .map(e -> new Endpoint(e.arn(), PlatformAttributes.shown(e, app.platform()))).toList(), page.nextToken()));
        }));
  }
}

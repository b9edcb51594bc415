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

/** ListPlatformApplications: the caller's applications in the region with their attributes, 100 per page. */
public final class ListPlatformApplications
    extends SnsOperation<ListPlatformApplications.Request, ListPlatformApplications.Response> {
  static final int PAGE_SIZE = 100;

  public record Request(String nextToken) {}

  public record PlatformApplication(String platformApplicationArn, Map<String, String> attributes) {}

  public record Response(List<PlatformApplication> platformApplications, String nextToken) {}

  private final PlatformApplications platforms;

  public ListPlatformApplications(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return platforms.applicationArns(ctx.region(), ctx.account()).thenCompose(arns -> {
      Pages.Page<String> page = Pages.page(arns, req.nextToken(), PAGE_SIZE, arn -> arn);
      return platforms.applications(ctx.region(), ctx.account(), page.items())
          .thenApply(apps -> new Response(apps.stream()
              .map(a -> new PlatformApplication(a.arn(), PlatformAttributes.shown(a))).toList(), page.nextToken()));
    });
  }
}

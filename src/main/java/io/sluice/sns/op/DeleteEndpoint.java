package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DeleteEndpoint: deletes an endpoint; idempotent. Its topic subscriptions stay (AWS leaves
 * unsubscribing to the caller) and fail their deliveries from then on.
 */
public final class DeleteEndpoint extends SnsOperation<DeleteEndpoint.Request, Void> {

  public record Request(String endpointArn) {}

  private final PlatformApplications platforms;

  public DeleteEndpoint(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = PlatformApplications.requireEndpointArn(ctx, "EndpointArn", req.endpointArn());
    if (!PlatformApplications.owned(ctx, arn)) {
      return CompletableFuture.completedFuture(null);
    }
    return platforms.deleteEndpoint(arn).thenApply(deleted -> null);
  }
}

package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DeletePlatformApplication: deletes an application and its endpoints; idempotent. */
public final class DeletePlatformApplication extends SnsOperation<DeletePlatformApplication.Request, Void> {

  public record Request(String platformApplicationArn) {}

  private final PlatformApplications platforms;

  public DeletePlatformApplication(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = PlatformApplications.requireApplicationArn(ctx, "PlatformApplicationArn", req.platformApplicationArn());
    if (!PlatformApplications.owned(ctx, arn)) {
      return CompletableFuture.completedFuture(null);
    }
    return platforms.deleteApplication(arn);
  }
}

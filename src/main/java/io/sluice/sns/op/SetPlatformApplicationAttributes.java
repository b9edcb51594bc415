package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetPlatformApplicationAttributes: changes credentials, event topics, feedback settings or
 * {@code Enabled}; an empty value removes an optional attribute.
 */
public final class SetPlatformApplicationAttributes
    extends SnsOperation<SetPlatformApplicationAttributes.Request, Void> {

  public record Request(String platformApplicationArn, Map<String, String> attributes) {}

  private final PlatformApplications platforms;

  public SetPlatformApplicationAttributes(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.attributes() == null || req.attributes().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Attributes Reason: cannot be empty");
    }
    return platforms.application(ctx, req.platformApplicationArn())
        .thenCompose(app -> platforms.changeApplicationAttributes(app.arn(),
            PlatformAttributes.applicationChanges(req.attributes())))
        .thenApply(app -> null);
  }
}

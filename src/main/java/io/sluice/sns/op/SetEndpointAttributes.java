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
 * SetEndpointAttributes: changes Token, Enabled or CustomUserData of an endpoint; setting
 * {@code Enabled=true} again is how an app re-enables an endpoint after updating its token.
 */
public final class SetEndpointAttributes extends SnsOperation<SetEndpointAttributes.Request, Void> {

  public record Request(String endpointArn, Map<String, String> attributes) {}

  private final PlatformApplications platforms;

  public SetEndpointAttributes(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.attributes() == null || req.attributes().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Attributes Reason: cannot be empty");
    }
    return platforms.endpoint(ctx, req.endpointArn())
        .thenCompose(e -> platforms.changeEndpointAttributes(e.arn(),
            PlatformAttributes.endpointChanges(req.attributes())))
        .thenApply(e -> null);
  }
}

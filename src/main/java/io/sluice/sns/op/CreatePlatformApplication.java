package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.PlatformApplicationRecord;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * CreatePlatformApplication: an application of one push service (Platform) with its credentials.
 * Creating one of an existing name and platform replaces its attributes and keeps its ARN and
 * endpoints. Credentials are not checked with the push service.
 */
public final class CreatePlatformApplication
    extends SnsOperation<CreatePlatformApplication.Request, CreatePlatformApplication.Response> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

  public record Request(String name, String platform, Map<String, String> attributes) {}

  public record Response(String platformApplicationArn) {}

  private final PlatformApplications platforms;

  public CreatePlatformApplication(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.name() == null || !NAME.matcher(req.name()).matches()) {
      throw PlatformAttributes.invalid("Name", "Application names must be made up of only uppercase and lowercase ASCII letters, "
          + "numbers, underscores, hyphens, and periods, and must be between 1 and 256 characters long.");
    }
    if (req.platform() == null || !PlatformApplications.PLATFORMS.contains(req.platform())) {
      throw PlatformAttributes.invalid("Platform", "Platform " + req.platform() + " is not supported");
    }
    Map<String, String> attributes = PlatformAttributes.forNewApplication(req.platform(), req.attributes());
    String arn = PlatformApplications.applicationArn(ctx.region(), ctx.account(), req.platform(), req.name());
    return platforms.putApplication(new PlatformApplicationRecord(arn, req.name(), req.platform(), attributes))
        .thenApply(app -> new Response(app.arn()));
  }
}

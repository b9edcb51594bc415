package io.sluice.sns.op;

import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SmsSettings;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** GetSMSAttributes: the account's SMS settings in the region that were set, all or the named ones. */
public final class GetSMSAttributes extends SnsOperation<GetSMSAttributes.Request, GetSMSAttributes.Response> {

  public record Request(@QueryName("attributes") List<String> attributes) {}

  public record Response(@QueryName("attributes") Map<String, String> attributes) {}

  private final SmsSettings settings;

  public GetSMSAttributes(SnsServices sns) {
    super(sns);
    this.settings = new SmsSettings(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return settings.get(ctx.region(), ctx.account())
        .thenApply(all -> new Response(SmsSettings.select(all, req.attributes())));
  }
}

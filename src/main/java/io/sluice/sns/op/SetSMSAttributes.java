package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SmsSettings;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetSMSAttributes: changes the account's default SMS settings in the region (MonthlySpendLimit,
 * DefaultSenderID, DefaultSMSType, DeliveryStatusIAMRole, DeliveryStatusSuccessSamplingRate,
 * UsageReportS3Bucket); an empty value removes one. Sluice uses DefaultSenderID and DefaultSMSType
 * for the SMS it sends and keeps the others.
 */
public final class SetSMSAttributes extends SnsOperation<SetSMSAttributes.Request, SetSMSAttributes.Response> {

  public record Request(@QueryName("attributes") Map<String, String> attributes) {}

  public record Response() {}

  private final SmsSettings settings;

  public SetSMSAttributes(SnsServices sns) {
    super(sns);
    this.settings = new SmsSettings(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.attributes() == null || req.attributes().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: attributes Reason: cannot be empty");
    }
    return settings.set(ctx.region(), ctx.account(), req.attributes()).thenApply(v -> new Response());
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.SwfTypes;
import io.sluice.swf.model.ActivityTypeConfiguration;
import io.sluice.swf.model.ActivityTypeInfo;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRef;
import java.util.concurrent.CompletionStage;

/**
 * DescribeActivityType: the activity type's info (status, description, creation and deprecation dates) and
 * configuration (the defaults it was registered with); UnknownResourceFault for an unknown domain or type.
 */
public final class DescribeActivityType extends SwfOperation<DescribeActivityType.Request, DescribeActivityType.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TypeRef activityType) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(ActivityTypeInfo typeInfo, ActivityTypeConfiguration configuration) {}

  public DescribeActivityType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return types.find(domainId(ctx, req.domain()), TypeKind.ACTIVITY, req.activityType())
        .thenApply(t -> new Response(SwfTypes.activityInfo(t), SwfTypes.activityConfiguration(t.defaults())));
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRef;
import java.util.concurrent.CompletionStage;

/** DeprecateActivityType: the activity type becomes DEPRECATED (its deprecation date now): no new executions or tasks of it; TypeDeprecatedFault if it is deprecated already. UnknownResourceFault for an unknown domain or type. */
public final class DeprecateActivityType extends SwfOperation<DeprecateActivityType.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TypeRef activityType) {}

  public DeprecateActivityType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return types.deprecate(domainId(ctx, req.domain()), TypeKind.ACTIVITY, req.activityType());
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRef;
import java.util.concurrent.CompletionStage;

/** DeleteActivityType: a deprecated activity type is gone (its name and version free again); TypeNotDeprecatedFault if it is registered. UnknownResourceFault for an unknown domain or type. */
public final class DeleteActivityType extends SwfOperation<DeleteActivityType.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TypeRef activityType) {}

  public DeleteActivityType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return types.delete(domainId(ctx, req.domain()), TypeKind.ACTIVITY, req.activityType());
  }
}

package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.SwfTypes;
import io.sluice.swf.model.WorkflowTypeConfiguration;
import io.sluice.swf.model.WorkflowTypeInfo;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRef;
import java.util.concurrent.CompletionStage;

/**
 * DescribeWorkflowType: the workflow type's info (status, description, creation and deprecation dates) and
 * configuration (the defaults it was registered with); UnknownResourceFault for an unknown domain or type.
 */
public final class DescribeWorkflowType extends SwfOperation<DescribeWorkflowType.Request, DescribeWorkflowType.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TypeRef workflowType) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(WorkflowTypeInfo typeInfo, WorkflowTypeConfiguration configuration) {}

  public DescribeWorkflowType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return types.find(domainId(ctx, req.domain()), TypeKind.WORKFLOW, req.workflowType())
        .thenApply(t -> new Response(SwfTypes.workflowInfo(t), SwfTypes.workflowConfiguration(t.defaults())));
  }
}

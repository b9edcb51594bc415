package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Pages;
import io.sluice.swf.SwfTypes;
import io.sluice.swf.model.WorkflowTypeInfo;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TypeKind;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListWorkflowTypes: the domain's workflow types with the given registration status (and name, if given),
 * by name and version (or reversed), a page of {@code maximumPageSize} (default and most 1000) at a time.
 */
public final class ListWorkflowTypes extends SwfOperation<ListWorkflowTypes.Request, ListWorkflowTypes.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String name, RegistrationStatus registrationStatus, String nextPageToken,
                        Integer maximumPageSize, Boolean reverseOrder) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(List<WorkflowTypeInfo> typeInfos, String nextPageToken) {}

  public ListWorkflowTypes(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return types.list(domainId(ctx, req.domain()), TypeKind.WORKFLOW, req.name(), req.registrationStatus()).thenApply(all -> {
      var page = Pages.page(all, SwfTypes::key, req.nextPageToken(), req.maximumPageSize(),
          Boolean.TRUE.equals(req.reverseOrder()));
      return new Response(page.items().stream().map(SwfTypes::workflowInfo).toList(), page.nextPageToken());
    });
  }
}

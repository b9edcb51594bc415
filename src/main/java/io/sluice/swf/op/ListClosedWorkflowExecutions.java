package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Visibility;
import io.sluice.swf.Visibility.CloseStatusFilter;
import io.sluice.swf.Visibility.ExecutionFilter;
import io.sluice.swf.Visibility.TagFilter;
import io.sluice.swf.Visibility.TimeFilter;
import io.sluice.swf.Visibility.TypeFilter;
import java.util.concurrent.CompletionStage;

/**
 * ListClosedWorkflowExecutions: the domain's closed runs (within its retention period) started within
 * {@code startTimeFilter} or closed within {@code closeTimeFilter} (exactly one), with at most one of
 * {@code closeStatusFilter}, {@code executionFilter}, {@code typeFilter} and {@code tagFilter}, newest
 * first by that time unless {@code reverseOrder}, in pages. UnknownResourceFault for an unknown domain.
 */
public final class ListClosedWorkflowExecutions
    extends SwfOperation<ListClosedWorkflowExecutions.Request, ExecutionInfos> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TimeFilter startTimeFilter, TimeFilter closeTimeFilter,
                        ExecutionFilter executionFilter, CloseStatusFilter closeStatusFilter, TypeFilter typeFilter,
                        TagFilter tagFilter, String nextPageToken, Integer maximumPageSize, Boolean reverseOrder) {}

  public ListClosedWorkflowExecutions(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<ExecutionInfos> run(RequestContext ctx, Request req) {
    Visibility.Query query = new Visibility.Query(false, req.startTimeFilter(), req.closeTimeFilter(),
        req.executionFilter(), req.typeFilter(), req.tagFilter(), req.closeStatusFilter());
    return domain(ctx, req.domain())
        .thenCompose(d -> swf.index().page(d, query, req.nextPageToken(), req.maximumPageSize(),
            Boolean.TRUE.equals(req.reverseOrder())))
        .thenApply(ExecutionInfos::of);
  }
}

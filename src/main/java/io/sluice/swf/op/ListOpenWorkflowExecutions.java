package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Visibility;
import io.sluice.swf.Visibility.ExecutionFilter;
import io.sluice.swf.Visibility.TagFilter;
import io.sluice.swf.Visibility.TimeFilter;
import io.sluice.swf.Visibility.TypeFilter;
import java.util.concurrent.CompletionStage;

/**
 * ListOpenWorkflowExecutions: the domain's open runs started within {@code startTimeFilter}, with at
 * most one of {@code executionFilter}, {@code typeFilter} and {@code tagFilter}, newest first unless
 * {@code reverseOrder}, in pages. UnknownResourceFault for an unknown domain.
 */
public final class ListOpenWorkflowExecutions
    extends SwfOperation<ListOpenWorkflowExecutions.Request, ExecutionInfos> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TimeFilter startTimeFilter, TypeFilter typeFilter, TagFilter tagFilter,
                        String nextPageToken, Integer maximumPageSize, Boolean reverseOrder,
                        ExecutionFilter executionFilter) {}

  public ListOpenWorkflowExecutions(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<ExecutionInfos> run(RequestContext ctx, Request req) {
    Visibility.Query query = new Visibility.Query(true, req.startTimeFilter(), null, req.executionFilter(),
        req.typeFilter(), req.tagFilter(), null);
    return domain(ctx, req.domain())
        .thenCompose(d -> swf.index().page(d, query, req.nextPageToken(), req.maximumPageSize(),
            Boolean.TRUE.equals(req.reverseOrder())))
        .thenApply(ExecutionInfos::of);
  }
}

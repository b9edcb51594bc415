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

/** CountClosedWorkflowExecutions: how many runs ListClosedWorkflowExecutions would list with these filters. */
public final class CountClosedWorkflowExecutions
    extends SwfOperation<CountClosedWorkflowExecutions.Request, ExecutionCount> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TimeFilter startTimeFilter, TimeFilter closeTimeFilter,
                        ExecutionFilter executionFilter, TypeFilter typeFilter, TagFilter tagFilter,
                        CloseStatusFilter closeStatusFilter) {}

  public CountClosedWorkflowExecutions(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<ExecutionCount> run(RequestContext ctx, Request req) {
    Visibility.Query query = new Visibility.Query(false, req.startTimeFilter(), req.closeTimeFilter(),
        req.executionFilter(), req.typeFilter(), req.tagFilter(), req.closeStatusFilter());
    return domain(ctx, req.domain()).thenCompose(d -> swf.index().count(d, query)).thenApply(ExecutionCount::of);
  }
}

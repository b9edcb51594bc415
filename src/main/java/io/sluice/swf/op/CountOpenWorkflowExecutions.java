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

/** CountOpenWorkflowExecutions: how many runs ListOpenWorkflowExecutions would list with these filters. */
public final class CountOpenWorkflowExecutions
    extends SwfOperation<CountOpenWorkflowExecutions.Request, ExecutionCount> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, TimeFilter startTimeFilter, TypeFilter typeFilter, TagFilter tagFilter,
                        ExecutionFilter executionFilter) {}

  public CountOpenWorkflowExecutions(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<ExecutionCount> run(RequestContext ctx, Request req) {
    Visibility.Query query = new Visibility.Query(true, req.startTimeFilter(), null, req.executionFilter(),
        req.typeFilter(), req.tagFilter(), null);
    return domain(ctx, req.domain()).thenCompose(d -> swf.index().count(d, query)).thenApply(ExecutionCount::of);
  }
}

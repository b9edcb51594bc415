package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Pages;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.WorkflowExecution;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * GetWorkflowExecutionHistory: a run's history events by eventId, in pages of
 * {@code maximumPageSize} (default and most 1000) continued by {@code nextPageToken}, oldest first or
 * with {@code reverseOrder} newest first. UnknownResourceFault for an unknown domain or run.
 */
public final class GetWorkflowExecutionHistory
    extends SwfOperation<GetWorkflowExecutionHistory.Request, GetWorkflowExecutionHistory.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, WorkflowExecution execution, String nextPageToken, Integer maximumPageSize,
                        Boolean reverseOrder) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(List<ObjectNode> events, String nextPageToken) {}

  public GetWorkflowExecutionHistory(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    ExecutionKey key = new ExecutionKey(domainId(ctx, req.domain()), req.execution().workflowId(),
        req.execution().runId());
    return domain(ctx, req.domain()).thenCompose(d -> swf.histories().read(key)).thenCompose(found -> {
      found.orElseThrow(() -> Histories.unknownExecution(key));
      return swf.histories().events(key, 1);
    }).thenApply(events -> {
      Pages.Page<ObjectNode> page = page(events, req.nextPageToken(), req.maximumPageSize(),
          Boolean.TRUE.equals(req.reverseOrder()));
      return new Response(page.items(), page.nextPageToken());
    });
  }

  /** A page of {@code events} (ascending by eventId) by {@link Pages}, keyed by eventId. */
  public static Pages.Page<ObjectNode> page(List<ObjectNode> events, String token, Integer size, boolean reverse) {
    return Pages.page(events, e -> List.of(String.format("%012d", e.get("eventId").asLong())), token, size, reverse);
  }
}

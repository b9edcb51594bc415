package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.ActivityResults;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.ActivityTaskState;
import io.sluice.swf.engine.History;
import java.util.concurrent.CompletionStage;

/**
 * RespondActivityTaskFailed: the started activity task failed with {@code reason} and
 * {@code details}: ActivityTaskFailed, and a decision task for the decider. UnknownResourceFault for
 * a token of a task that is not started.
 */
public final class RespondActivityTaskFailed extends SwfOperation<RespondActivityTaskFailed.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, String reason, String details) {}

  public RespondActivityTaskFailed(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return ActivityResults.close(swf, ctx, req.taskToken(), ActivityTaskState.FAILED, a -> {
      History.putIfSet(a, "reason", req.reason());
      History.putIfSet(a, "details", req.details());
    });
  }
}

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
 * RespondActivityTaskCompleted: the started activity task completed with {@code result}:
 * ActivityTaskCompleted, and a decision task for the decider. UnknownResourceFault for a token of a
 * task that is not started (completed, failed, or its run closed).
 */
public final class RespondActivityTaskCompleted extends SwfOperation<RespondActivityTaskCompleted.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, String result) {}

  public RespondActivityTaskCompleted(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return ActivityResults.close(swf, ctx, req.taskToken(), ActivityTaskState.COMPLETED,
        a -> History.putIfSet(a, "result", req.result()));
  }
}

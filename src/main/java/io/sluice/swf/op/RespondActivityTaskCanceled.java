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
 * RespondActivityTaskCanceled: the worker gave up its started activity task (after a heartbeat
 * answered {@code cancelRequested}): ActivityTaskCanceled with the details and the latest cancel
 * request, and a decision task for the decider. UnknownResourceFault for a token of a task that is
 * not started.
 */
public final class RespondActivityTaskCanceled extends SwfOperation<RespondActivityTaskCanceled.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, String details) {}

  public RespondActivityTaskCanceled(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return ActivityResults.close(swf, ctx, req.taskToken(), ActivityTaskState.CANCELED,
        a -> History.putIfSet(a, "details", req.details()));
  }
}

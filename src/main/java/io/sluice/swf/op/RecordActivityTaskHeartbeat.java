package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.ActivityResults;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.TaskToken;
import java.util.concurrent.CompletionStage;

/**
 * RecordActivityTaskHeartbeat: a worker reports that its started activity task is making progress;
 * no history event (API reference: "This action doesn't in itself create an event"). Answers
 * {@code cancelRequested}, true once the decider asked to cancel the task (RequestCancelActivityTask); UnknownResourceFault
 * when the task is no longer started under the token (answered, or its run closed), which tells the
 * worker to stop. Each heartbeat is stored in the task's state (its time and {@code details}): it
 * renews the task's heartbeat timeout, and a task that times out reports the latest details.
 */
public final class RecordActivityTaskHeartbeat
    extends SwfOperation<RecordActivityTaskHeartbeat.Request, RecordActivityTaskHeartbeat.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String taskToken, String details) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(boolean cancelRequested) {}

  public RecordActivityTaskHeartbeat(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    TaskToken token = TaskToken.decode(req.taskToken(), ctx.region(), ctx.account());
    return swf.histories().update(token.execution(), h -> {
      Execution.Activity a = ActivityResults.startedUnder(h, token);
      a.lastHeartbeat = h.now();
      a.heartbeatDetails = req.details();
      h.touch();
      return new Response(a.cancelRequestedEventId > 0);
    });
  }
}

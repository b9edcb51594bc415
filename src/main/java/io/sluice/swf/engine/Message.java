package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.model.ExecutionKey;

/**
 * A change one run's transaction asks of another run of the same domain: a signal, a cancellation
 * request, a child to start, a child's outcome for its parent. It is sent once the sender's transaction
 * committed ({@link History#send}) and delivered by its kind's {@link MessageHandler} in transactions on
 * the target, which must apply it once however often it arrives ({@link History#firstDelivery}): a
 * message may be delivered again after a crash.
 *
 * @param id       unique per message: the sender's runId and the eventId that initiated it, plus a suffix
 * @param kind     the {@link MessageHandler#kind} that delivers it
 * @param sender   the run that sent it
 * @param workflowId the target's workflowId
 * @param runId    the target's runId, or null for its open run
 * @param body     what the handler needs
 */
public record Message(String id, String kind, ExecutionKey sender, String workflowId, String runId, ObjectNode body) {

  /** The target run, in the sender's domain (runId null: the workflowId's open run). */
  public ExecutionKey target() {
    return new ExecutionKey(sender.domain(), workflowId, runId);
  }
}

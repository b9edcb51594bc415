package io.sluice.sqs;

import io.sluice.access.AccessControl;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import java.util.Set;

/**
 * Who may call an SQS action on a queue (see {@link AccessControl}): the queue's account, and other
 * accounts its Policy allows, except for the actions only the owner may call. Refusals are
 * AccessDenied, as AWS answers them.
 */
public final class QueueAccess {
  /**
   * The actions "cross-account permissions don't apply to" (SQS Developer Guide, "Limitations of Amazon
   * SQS custom policies").
   */
  public static final Set<String> OWNER_ONLY = Set.of("AddPermission", "CancelMessageMoveTask", "CreateQueue",
      "DeleteQueue", "ListMessageMoveTasks", "ListQueues", "ListQueueTags", "RemovePermission", "SetQueueAttributes",
      "StartMessageMoveTask", "TagQueue", "UntagQueue");

  private QueueAccess() {}

  /** Whether the request's principal may call {@code action} on queue {@code q}. */
  public static boolean permits(RequestContext ctx, String action, QueueRecord q) {
    if (OWNER_ONLY.contains(action)) {
      return AccessControl.owns(ctx.principal(), q.id().account());
    }
    return AccessControl.permits(ctx.principal(), "sqs:" + iamAction(action), q.id().arn(), q.id().account(),
        q.attribute(QueueAttributes.POLICY));
  }

  /** {@code q} if the request's principal may call {@code action} on it; else AccessDenied. */
  public static QueueRecord require(RequestContext ctx, String action, QueueRecord q) {
    if (!permits(ctx, action, q)) {
      throw accessDenied(ctx, q.id());
    }
    return q;
  }

  /** {@code id} if the request's principal owns the queue; else AccessDenied. */
  public static QueueId requireOwner(RequestContext ctx, QueueId id) {
    if (!AccessControl.owns(ctx.principal(), id.account())) {
      throw accessDenied(ctx, id);
    }
    return id;
  }

  /** The action a batch is authorized as: its single-message action (SendMessageBatch needs sqs:SendMessage). */
  static String iamAction(String action) {
    return switch (action) {
      case "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch" ->
          action.substring(0, action.length() - "Batch".length());
      default -> action;
    };
  }

  private static AwsException accessDenied(RequestContext ctx, QueueId id) {
    return AwsException.of(CommonError.AccessDenied, "Access to the resource %s is denied.", QueueUrls.urlOf(ctx, id));
  }
}

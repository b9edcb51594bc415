package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.ReceiptHandle;
import io.sluice.sqs.store.QueueStore.VisibilityChange;
import io.sluice.sqs.store.QueueStore.VisibilityStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ChangeMessageVisibility: sets how long an in-flight message stays hidden, counted from now (0
 * makes it visible at once). The message must still be in flight under this receipt handle, and
 * the new deadline may not end more than 12 hours after the message was received.
 */
public final class ChangeMessageVisibility extends SqsOperation<ChangeMessageVisibility.Request, Void> {
  /** The longest a message may stay in flight after one receive: 12 hours. */
  static final int MAX_VISIBILITY_SECONDS = 43_200;

  public record Request(String queueUrl, String receiptHandle, Integer visibilityTimeout) {}

  public ChangeMessageVisibility(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    QueueId id = QueueUrls.resolve(ctx, req.queueUrl());
    VisibilityChange change = change(req.receiptHandle(), req.visibilityTimeout(), id);
    return queue(ctx, id)
        .thenCompose(q -> sqs.store().changeVisibility(id, List.of(change), MAX_VISIBILITY_SECONDS * 1000L, now()))
        .thenApply(statuses -> {
          wakeLongPolls(sqs, id, statuses);
          AwsException error = error(statuses.get(0), req.receiptHandle(), req.visibilityTimeout());
          if (error != null) {
            throw error;
          }
          return null;
        });
  }

  /** Validates one change request; throws AWS's error for a missing or malformed parameter. */
  static VisibilityChange change(String receiptHandle, Integer visibilityTimeout, QueueId queue) {
    if (visibilityTimeout == null) {
      throw AwsException.missingParameter("VisibilityTimeout");
    }
    if (visibilityTimeout < 0 || visibilityTimeout > MAX_VISIBILITY_SECONDS) {
      throw AwsException.invalidParameter("VisibilityTimeout", visibilityTimeout,
          "VisibilityTimeout must be an integer between 0 and 43200");
    }
    ReceiptHandle handle = DeleteMessage.parse(receiptHandle, queue);
    return new VisibilityChange(handle.messageId(), handle.token(), visibilityTimeout * 1000L);
  }

  /**
   * Wakes the queue's long polls on every node when a change makes a message visible earlier than
   * before: a held poll waits until the earliest visibility it saw, and looks again when woken.
   */
  static void wakeLongPolls(SqsServices sqs, QueueId id, List<VisibilityStatus> statuses) {
    if (statuses.contains(VisibilityStatus.CHANGED_EARLIER)) {
      sqs.arrivals().announce(id);
    }
  }

  /** The error for a change the store refused, or null when it was made. */
  static AwsException error(VisibilityStatus status, String receiptHandle, int visibilityTimeout) {
    return switch (status) {
      case CHANGED, CHANGED_EARLIER -> null;
      case NOT_IN_FLIGHT -> AwsException.of(SqsError.MessageNotInflight, "The message is not in flight.");
      // A well-formed handle whose message was deleted or received again is an invalid parameter
      // value, not ReceiptHandleIsInvalid (which AWS keeps for handles it cannot read).
      case INVALID_HANDLE -> AwsException.invalidParameter("ReceiptHandle", receiptHandle,
          "Message does not exist or is not available for visibility timeout change.");
      case EXCEEDS_MAXIMUM -> new AwsException(CommonError.InvalidParameterValue, "Value " + visibilityTimeout
          + " for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond"
          + " the limit [43200 seconds]");
    };
  }
}

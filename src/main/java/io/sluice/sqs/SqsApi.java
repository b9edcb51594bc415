package io.sluice.sqs;

import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.sqs.op.AddPermission;
import io.sluice.sqs.op.CancelMessageMoveTask;
import io.sluice.sqs.op.ChangeMessageVisibility;
import io.sluice.sqs.op.ChangeMessageVisibilityBatch;
import io.sluice.sqs.op.CreateQueue;
import io.sluice.sqs.op.DeleteMessage;
import io.sluice.sqs.op.DeleteMessageBatch;
import io.sluice.sqs.op.DeleteQueue;
import io.sluice.sqs.op.GetQueueAttributes;
import io.sluice.sqs.op.GetQueueUrl;
import io.sluice.sqs.op.ListDeadLetterSourceQueues;
import io.sluice.sqs.op.ListMessageMoveTasks;
import io.sluice.sqs.op.ListQueueTags;
import io.sluice.sqs.op.ListQueues;
import io.sluice.sqs.op.PurgeQueue;
import io.sluice.sqs.op.ReceiveMessage;
import io.sluice.sqs.op.RemovePermission;
import io.sluice.sqs.op.SendMessage;
import io.sluice.sqs.op.SendMessageBatch;
import io.sluice.sqs.op.SetQueueAttributes;
import io.sluice.sqs.op.StartMessageMoveTask;
import io.sluice.sqs.op.TagQueue;
import io.sluice.sqs.op.UntagQueue;
import java.util.List;
import java.util.Set;

/** Amazon SQS on the wire: JSON 1.0 ({@code AmazonSQS.*}) and the query protocol, API version 2012-11-05. */
public final class SqsApi {
  private SqsApi() {}

  /** SQS operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "sqs.api";

  /** Cluster-wide publish of a queue key when messages become available; wakes long polls on every node. */
  public static final String MESSAGES_AVAILABLE = "sqs.messages-available";

  /** Cluster-wide publish of a queue key whose attributes changed; drops cached attributes on every node. */
  public static final String QUEUE_CHANGED = "sqs.queue-changed";

  /** Every SQS action, one class each; the gateway reads their shapes, the verticle runs them. */
  public static final List<Class<?>> OPERATIONS = List.of(
      AddPermission.class,
      CancelMessageMoveTask.class,
      ChangeMessageVisibility.class,
      ChangeMessageVisibilityBatch.class,
      CreateQueue.class,
      DeleteMessage.class,
      DeleteMessageBatch.class,
      DeleteQueue.class,
      GetQueueAttributes.class,
      GetQueueUrl.class,
      ListDeadLetterSourceQueues.class,
      ListMessageMoveTasks.class,
      ListQueueTags.class,
      ListQueues.class,
      PurgeQueue.class,
      ReceiveMessage.class,
      RemovePermission.class,
      SendMessage.class,
      SendMessageBatch.class,
      SetQueueAttributes.class,
      StartMessageMoveTask.class,
      TagQueue.class,
      UntagQueue.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "sqs",
      "sqs",
      "2012-11-05",
      "http://queue.amazonaws.com/doc/2012-11-05/",
      "AmazonSQS",
      Set.of(WireProtocol.QUERY, WireProtocol.JSON_1_0),
      "com.amazonaws.sqs#",
      true,
      QueryStyle.FLATTENED,
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS))
      // The query protocol may post to a queue URL: /<account>/<name> (or /queue/<name>).
      .withQueryResourcePath("^/(\\d{12}|queue)/[^/]+/?$");
}

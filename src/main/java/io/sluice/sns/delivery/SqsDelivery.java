package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.bus.ServiceClient;
import io.sluice.protocol.AwsException;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PublishedMessage;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.Map;

/**
 * Delivers to SQS queues over the event bus (the queue service's {@code SendMessage}). Without raw
 * delivery the body is the JSON envelope; with it, the bare message, its attributes becoming SQS
 * message attributes ({@code String.Array} as {@code String}, as SNS maps them). FIFO topics pass the
 * message group and deduplication ids through; standard topics pass a message group id on for
 * fair queues. Errors a retry cannot fix (the queue is gone, the message is refused, the queue's
 * policy does not let this topic send) are not retried: "Amazon SNS message delivery retries" counts
 * them as client-side errors, which go to the subscription's dead-letter queue if it has one.
 */
public final class SqsDelivery implements ProtocolDelivery {
  private final ServiceClient services;
  private final NotificationBodies bodies;

  public SqsDelivery(ServiceClient services, NotificationBodies bodies) {
    this.services = services;
    this.bodies = bodies;
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    String queueArn = attempt.subscription().endpoint();
    PublishedMessage m = attempt.message();
    // A FIFO topic may also deliver to standard queues, which refuse a deduplication id.
    boolean fifoQueue = attempt.topic().isFifo() && queueArn.endsWith(".fifo");
    String dedup = fifoQueue ? m.deduplicationId() : null;
    ObjectNode params = SqsRequests.sendMessage(queueArn, bodies.bodyFor(attempt), m.groupId(), dedup);
    Map<String, MessageAttribute> delivered = NotificationBodies.deliveredAttributes(m);
    if (attempt.subscription().rawMessageDelivery() && !delivered.isEmpty()) {
      ObjectNode attrs = params.putObject("MessageAttributes");
      for (Map.Entry<String, MessageAttribute> e : delivered.entrySet()) {
        MessageAttribute a = e.getValue();
        ObjectNode v = attrs.putObject(e.getKey());
        if (a.isBinary()) {
          v.put("DataType", a.dataType()).put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
        } else {
          v.put("DataType", a.dataType().startsWith("String.Array") ? "String" : a.dataType())
              .put("StringValue", a.stringValue());
        }
      }
    }
    return SqsRequests.send(services, attempt.topic(), queueArn, params)
        .<Void>mapEmpty()
        .recover(t -> Future.failedFuture(t instanceof AwsException a
            ? new DeliveryFailure(a.error().httpStatus() >= 500, a.error().code(), a.getMessage())
            : t));
  }
}

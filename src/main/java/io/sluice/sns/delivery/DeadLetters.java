package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.bus.ServiceClient;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.SnsArns;
import io.vertx.core.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what a subscription could not take to its dead-letter queue (the SQS queue of its
 * RedrivePolicy), with the attributes AWS adds: {@code RequestID}, {@code ErrorCode} and
 * {@code ErrorMessage} (see "Amazon SNS dead-letter queues (DLQs)"). Without a RedrivePolicy the
 * message is dropped, as on AWS.
 */
public final class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
  private final ServiceCall services;
  private final NotificationBodies bodies;

  public DeadLetters(ServiceClient services, NotificationBodies bodies) {
    this(services::call, bodies);
  }

  /** @param services sends the SQS SendMessage calls */
  public DeadLetters(ServiceCall services, NotificationBodies bodies) {
    this.services = services;
    this.bodies = bodies;
  }

  /** Completes (never fails) once the message is in the dead-letter queue, or dropped. */
  public Future<Void> send(Attempt attempt, Throwable cause) {
    String policy = attempt.subscription().attribute("RedrivePolicy");
    if (policy == null || policy.isEmpty()) {
      return Future.succeededFuture();
    }
    String queueArn;
    try {
      queueArn = JsonCodec.json().readTree(policy).path("deadLetterTargetArn").asText("");
    } catch (java.io.IOException e) {
      return Future.succeededFuture();
    }
    ObjectNode params = SqsRequests.sendMessage(queueArn, bodies.bodyFor(attempt),
        attempt.topic().isFifo() ? attempt.message().groupId() : null,
        attempt.topic().isFifo() ? attempt.delivery().id() : null);
    ObjectNode attrs = params.putObject("MessageAttributes");
    String code = cause instanceof DeliveryFailure f ? f.errorCode() : "DeliveryFailed";
    attrs.putObject("RequestID").put("DataType", "String").put("StringValue", attempt.delivery().id());
    attrs.putObject("ErrorCode").put("DataType", "String").put("StringValue", code);
    attrs.putObject("ErrorMessage").put("DataType", "String").put("StringValue",
        String.valueOf(cause.getMessage()));
    return services.call("sqs", "SendMessage", SnsArns.region(queueArn), SnsArns.account(queueArn), params)
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.log(Level.WARNING, "SNS dead-letter queue " + queueArn + " did not take delivery "
              + attempt.delivery().id() + ": " + (t instanceof AwsException a ? a.getMessage() : t.toString()));
          return Future.succeededFuture();
        });
  }
}

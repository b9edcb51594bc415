package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.bus.ServiceClient;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.sns.SnsArns;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Delivers to firehose subscriptions through the Firehose service's {@code PutRecord} over the
 * event bus: one record per message, the JSON notification (or the bare message with raw delivery)
 * followed by a newline. While this node serves no Firehose, every attempt fails and is retried
 * under AWS's policy for AWS-managed endpoints. Errors a retry cannot fix (the delivery stream does
 * not exist, the record is refused) are not retried; server errors and throttling are.
 */
public final class FirehoseDelivery implements ProtocolDelivery {
  static final String SERVICE = "firehose";
  private static final String STREAM_MARKER = ":deliverystream/";

  private final ServiceClient services;
  private final ServiceRegistry registry;
  private final NotificationBodies bodies;

  public FirehoseDelivery(ServiceClient services, ServiceRegistry registry, NotificationBodies bodies) {
    this.services = services;
    this.registry = registry;
    this.bodies = bodies;
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    String streamArn = attempt.subscription().endpoint();
    if (registry.byName(SERVICE).isEmpty()) {
      return Future.failedFuture(new DeliveryFailure(true, "FirehoseUnavailable",
          "this Sluice node serves no Firehose yet; the delivery to " + streamArn + " is retried"));
    }
    ObjectNode params = JsonCodec.json().createObjectNode();
    params.put("DeliveryStreamName", streamArn.substring(streamArn.indexOf(STREAM_MARKER) + STREAM_MARKER.length()));
    byte[] data = (bodies.bodyFor(attempt) + "\n").getBytes(StandardCharsets.UTF_8);
    params.putObject("Record").put("Data", Base64.getEncoder().encodeToString(data));
    return services.call(SERVICE, "PutRecord", SnsArns.region(streamArn), SnsArns.account(streamArn), params)
        .<Void>mapEmpty()
        .recover(t -> Future.failedFuture(t instanceof AwsException a
            ? new DeliveryFailure(retryable(a), a.error().code(), a.getMessage())
            : t));
  }

  private static boolean retryable(AwsException e) {
    return e.error().httpStatus() >= 500 || e.error().httpStatus() == 429 || e.error().code().startsWith("Throttl");
  }
}

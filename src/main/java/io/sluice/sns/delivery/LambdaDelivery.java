package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.lambda.LambdaEndpoints;
import io.sluice.protocol.JsonCodec;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Delivers to lambda subscriptions: the function's ARN (or its bare name) is mapped by
 * {@link LambdaEndpoints} ({@code sluice.lambda-endpoints}, shared with Firehose) to a URL, which is POSTed the event Lambda would invoke the function
 * with, as {@code application/json}. A 2xx answer is delivered; a function with no URL is a failure
 * no retry can fix (it goes to the dead-letter queue); anything else is retried.
 *
 * <p>The event has the shape of the Lambda Developer Guide's "Using Lambda with Amazon SNS":
 * {@code {"Records":[{"EventVersion":"1.0","EventSubscriptionArn":…,"EventSource":"aws:sns","Sns":{…}}]}},
 * {@code Sns} holding the notification's fields, but with {@code SigningCertUrl} and
 * {@code UnsubscribeUrl} spelled so (the HTTP envelope has {@code …URL}), {@code Subject} null when
 * absent and {@code MessageAttributes} always present.
 */
public final class LambdaDelivery implements ProtocolDelivery {
  private final HttpDelivery http;
  private final NotificationBodies bodies;
  private final LambdaEndpoints endpoints;

  public LambdaDelivery(HttpDelivery http, NotificationBodies bodies, LambdaEndpoints endpoints) {
    this.http = http;
    this.bodies = bodies;
    this.endpoints = endpoints;
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    String function = attempt.subscription().endpoint();
    String url = endpoints.urlOf(function).orElse(null);
    if (url == null) {
      return Future.failedFuture(new DeliveryFailure(false, "ResourceNotFoundException",
          "no URL is configured for Lambda function " + function
              + " (sluice.lambda-endpoints, SLUICE_LAMBDA_ENDPOINTS)"));
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    // Unlike an HTTP subscription, a 3xx/4xx answer of the function's URL is retried.
    return http.post(url, headers, event(attempt)).recover(t -> Future.failedFuture(
        t instanceof DeliveryFailure f && !f.retryable() ? new DeliveryFailure(true, f.errorCode(), f.getMessage()) : t));
  }

  /** The Lambda SNS event for this attempt, built from the signed notification. */
  String event(Attempt attempt) {
    JsonNode envelope;
    try {
      envelope = JsonCodec.json().readTree(bodies.notification(attempt));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode root = JsonCodec.json().createObjectNode();
    ObjectNode record = root.putArray("Records").addObject();
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", attempt.subscription().arn());
    record.put("EventSource", "aws:sns");
    ObjectNode sns = record.putObject("Sns");
    copy(envelope, "Type", sns, "Type");
    copy(envelope, "MessageId", sns, "MessageId");
    copy(envelope, "TopicArn", sns, "TopicArn");
    if (envelope.hasNonNull("Subject")) {
      copy(envelope, "Subject", sns, "Subject");
    } else {
      sns.putNull("Subject");
    }
    copy(envelope, "Message", sns, "Message");
    copy(envelope, "Timestamp", sns, "Timestamp");
    copy(envelope, "SignatureVersion", sns, "SignatureVersion");
    copy(envelope, "Signature", sns, "Signature");
    copy(envelope, "SigningCertURL", sns, "SigningCertUrl");
    copy(envelope, "UnsubscribeURL", sns, "UnsubscribeUrl");
    JsonNode attributes = envelope.get("MessageAttributes");
    sns.set("MessageAttributes", attributes != null ? attributes : JsonCodec.json().createObjectNode());
    return root.toString();
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String as) {
    JsonNode value = from.get(name);
    if (value != null) {
      to.set(as, value);
    }
  }
}

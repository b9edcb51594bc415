package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.bus.LocalCodec;
import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationResult;
import io.sluice.bus.ServiceClient;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.WireProtocol;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.signing.SigningKeys;
import io.sluice.sns.signing.SnsEnvelope;
import io.sluice.sns.store.TopicStore.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Firehose subscriptions: each message becomes one {@code PutRecord} of the Firehose service over
 * the bus, and the failures say whether SNS retries. Driven against a stand-in Firehose service on
 * a real event bus, and against a node that serves none.
 */
class FirehoseDeliveryTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
  private static final String STREAM = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/orders-archive";
  private static final String ADDRESS = "test.firehose";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Vertx vertx;
  private static NotificationBodies bodies;
  private static final List<PutRecordCall> calls = new CopyOnWriteArrayList<>();
  /** What the stand-in answers next; null: success. */
  private static volatile AwsException nextError;

  /** The stand-in's request shape (Firehose's member names). */
  record Record(byte[] data) {}

  static final class PutRecord {
    record Request(String deliveryStreamName, Record record) {}
  }

  /** One call the stand-in received, with the region and account it was made in. */
  record PutRecordCall(PutRecord.Request request, String region, String account) {}

  private static final ServiceDefinition FIREHOSE = new ServiceDefinition("firehose", "firehose", "2015-08-04",
      null, "Firehose_20150804", java.util.Set.of(WireProtocol.JSON_1_1), "", false, QueryStyle.WRAPPED, ADDRESS,
      Map.of("PutRecord", OperationSpec.ofOperationClass(PutRecord.class)));

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx.eventBus());
    vertx.eventBus().<OperationCall>consumer(ADDRESS, message -> {
      OperationCall call = message.body();
      calls.add(new PutRecordCall((PutRecord.Request) call.request(), call.context().region(),
          call.context().account()));
      AwsException error = nextError;
      nextError = null;
      message.reply(error == null ? OperationResult.success(null) : OperationResult.failure(error));
    });
    bodies = new NotificationBodies(io.vertx.core.Future.succeededFuture(
        new SnsEnvelope(SigningKeys.generate(InstantSource.system()))));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static FirehoseDelivery delivery(List<ServiceDefinition> services) {
    ServiceRegistry registry = new ServiceRegistry(services);
    return new FirehoseDelivery(new ServiceClient(vertx, registry, 5_000), registry, bodies);
  }

  private static Attempt attempt(boolean raw, String message) {
    TopicRecord topic = new TopicRecord(TOPIC, "us-east-1", "000000000000", "orders", Map.of(), Map.of(), 0);
    SubscriptionRecord s = new SubscriptionRecord(TOPIC + ":5f1b3bde-8f3e-4b6c-9a57-6f1d2c3b4a59", TOPIC,
        "000000000000", "firehose", STREAM, raw ? Map.of("RawMessageDelivery", "true") : Map.of(), null, false, 0);
    PublishedMessage m = new PublishedMessage("2f6c1c1e-0d5e-4c8e-9d3e-1f0a7b6c5d4e", TOPIC, "subject", message,
        false, Map.of(), null, null, 1_700_000_000_000L, "http://localhost:4566");
    Delivery d = new Delivery("d-1", TOPIC, s.arn(), m.messageId(), null, m.toBytes(), 0, 0);
    return new Attempt(d, m, s, topic);
  }

  private static Throwable failureOf(Future<Void> result) throws InterruptedException {
    try {
      result.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
    throw new AssertionError("the delivery succeeded");
  }

  @Test
  void aRawMessageBecomesOneRecordOfTheMessageAndANewline() throws Exception {
    // Given a node serving Firehose and a raw firehose subscription
    calls.clear();
    FirehoseDelivery delivery = delivery(List.of(FIREHOSE));

    // When a message is delivered
    delivery.deliver(attempt(true, "order 17 shipped")).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    // Then the stream named by the ARN got the message and a newline, in the stream's region and account
    assertEquals(1, calls.size());
    PutRecordCall call = calls.get(0);
    assertEquals("orders-archive", call.request().deliveryStreamName());
    assertEquals("order 17 shipped\n", new String(call.request().record().data(), StandardCharsets.UTF_8));
    assertEquals("eu-west-1", call.region());
    assertEquals("111122223333", call.account());
  }

  @Test
  void withoutRawDeliveryTheRecordIsTheJsonNotification() throws Exception {
    // Given a node serving Firehose and a firehose subscription without raw delivery
    calls.clear();
    FirehoseDelivery delivery = delivery(List.of(FIREHOSE));

    // When a message is delivered
    delivery.deliver(attempt(false, "order 18 shipped")).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    // Then the record is the notification document, one line of JSON text ending in a newline
    String data = new String(calls.get(0).request().record().data(), StandardCharsets.UTF_8);
    assertTrue(data.endsWith("}\n"), data);
    JsonNode notification = JSON.readTree(data);
    assertEquals("Notification", notification.path("Type").asText());
    assertEquals("order 18 shipped", notification.path("Message").asText());
  }

  @Test
  void withoutAFirehoseServiceTheDeliveryFailsAndIsRetried() throws Exception {
    // Given a node that serves no Firehose
    FirehoseDelivery delivery = delivery(List.of());

    // When a message is delivered
    Throwable failure = failureOf(delivery.deliver(attempt(true, "nowhere to go")));

    // Then it fails as a retryable delivery failure saying why
    DeliveryFailure f = assertInstanceOf(DeliveryFailure.class, failure);
    assertTrue(f.retryable());
    assertEquals("FirehoseUnavailable", f.errorCode());
  }

  @Test
  void aRecordFirehoseRefusesIsNotRetried() throws Exception {
    // Given a Firehose that refuses the record (a client error)
    AwsException refusal = AwsException.of(CommonError.InvalidParameterValue, "Record too large");

    // When a message is delivered, then the failure is final, with Firehose's code
    DeliveryFailure f = failureWhenFirehoseAnswers(refusal);
    assertFalse(f.retryable());
    assertEquals("InvalidParameterValue", f.errorCode());
  }

  @Test
  void serverErrorsAndThrottlingOfFirehoseAreRetried() throws Exception {
    // Given a Firehose that is unavailable, or throttles; when a message is delivered, then it is retried
    assertTrue(failureWhenFirehoseAnswers(AwsException.of(CommonError.ServiceUnavailable, "down")).retryable());
    assertTrue(failureWhenFirehoseAnswers(AwsException.of(CommonError.ThrottlingException, "slow down")).retryable());
  }

  private static DeliveryFailure failureWhenFirehoseAnswers(AwsException error) throws Exception {
    nextError = error;
    return assertInstanceOf(DeliveryFailure.class,
        failureOf(delivery(List.of(FIREHOSE)).deliver(attempt(true, "refused"))));
  }
}

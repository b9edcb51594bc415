package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.HttpReceiver.Request;
import io.sluice.testing.HttpReceiver;
import io.sluice.testing.SnsSignatures;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * HTTP subscriptions end to end through the AWS SDK v2, on each engine, with a real HTTP endpoint:
 * the SubscriptionConfirmation and its SubscribeURL, signed notifications with AWS's headers,
 * retries after 5xx answers by the delivery policy, no retry after 4xx, the dead-letter queue, and
 * the UnsubscribeConfirmation. The retry tests run on a node of their own whose clock and timers the
 * test moves: a retry comes exactly when the clock reaches its time.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class HttpDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Retries one second apart, so a test waits seconds, not AWS's default 20 s. */
  private static final String FAST_RETRIES = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,"
      + "\"numRetries\":%d,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"numMaxDelayRetries\":0,"
      + "\"backoffFunction\":\"linear\"}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long the node gets to act on an endpoint's answer before the test looks for what it did. */
  private static final Duration SETTLE = Duration.ofMillis(300);
  private static ManualClock clock;
  private static ManualTimers timers;
  private static TestSluice clocked;

  @Parameter
  Engine engine;

  @BeforeParameterizedClassInvocation
  static void startClockedNode(Engine engine) {
    clock = new ManualClock();
    timers = new ManualTimers(clock);
    clocked = TestSluice.start(engine, clock, timers, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stopClockedNode() {
    clocked.close();
  }

  private final HttpReceiver receiver = new HttpReceiver();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  private SnsClient sns() {
    return TestSluice.shared(engine).sns();
  }

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  private String topic() {
    return topic(sns());
  }

  private static String topic(SnsClient sns) {
    return sns.createTopic(b -> b.name(TestSluice.uniqueName("http"))).topicArn();
  }

  /** Subscribes the receiver and confirms through the SubscribeURL; the subscription's ARN. */
  private String confirmedSubscription(String topicArn, Map<String, String> attributes) throws Exception {
    return confirmedSubscription(sns(), topicArn, attributes);
  }

  private String confirmedSubscription(SnsClient sns, String topicArn, Map<String, String> attributes)
      throws Exception {
    String arn = sns.subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(receiver.url("/sns"))
        .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
    JsonNode confirmation = JSON.readTree(receiver.await("SubscriptionConfirmation", 1, WAIT).get(0).body());
    HttpResponse<String> visit = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(confirmation.path("SubscribeURL").asText())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, visit.statusCode(), visit.body());
    return arn;
  }

  private static long notifications(List<Request> requests) {
    return requests.stream().filter(r -> "Notification".equals(r.header("x-amz-sns-message-type"))).count();
  }

  /**
   * On the clocked node, once the endpoint saw {@code made} notifications: the node sets its retry a
   * second after the last; nothing comes a millisecond before, and the retry comes then.
   */
  private List<Request> retryComesASecondLater(int made) {
    timers.awaitOneShotAt(clock.millis() + 1000, WAIT);
    clock.advanceMillis(999);
    assertEquals(made, notifications(receiver.requests()));
    clock.advanceMillis(1);
    return receiver.await("Notification", made + 1, WAIT);
  }

  @Test
  void aNewHttpSubscriptionIsSentASignedConfirmationAndWaitsForIt() throws Exception {
    // Given a topic
    String topicArn = topic();

    // When an http endpoint subscribes
    String answer = sns().subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(receiver.url("/sns")))
        .subscriptionArn();

    // Then the subscription is pending, and the endpoint got a signed SubscriptionConfirmation
    assertEquals("pending confirmation", answer);
    Request request = receiver.await("SubscriptionConfirmation", 1, WAIT).get(0);
    JsonNode body = JSON.readTree(request.body());
    assertEquals("POST", request.method());
    assertEquals(topicArn, request.header("x-amz-sns-topic-arn"));
    assertEquals(body.path("MessageId").asText(), request.header("x-amz-sns-message-id"));
    assertEquals("Amazon Simple Notification Service Agent", request.header("user-agent"));
    assertTrue(request.header("content-type").startsWith("text/plain"), request.header("content-type"));
    assertEquals("SubscriptionConfirmation", body.path("Type").asText());
    assertEquals(topicArn, body.path("TopicArn").asText());
    assertFalse(body.path("Token").asText().isEmpty());
    assertTrue(body.path("SubscribeURL").asText().contains("Action=ConfirmSubscription"));
    assertTrue(SnsSignatures.verify(request.body()));
    assertEquals("1", sns().getTopicAttributes(b -> b.topicArn(topicArn)).attributes().get("SubscriptionsPending"));
  }

  @Test
  void confirmingWithTheTokenThroughTheApiConfirmsTheSubscription() throws Exception {
    // Given a pending http subscription and the token it was sent
    String topicArn = topic();
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(receiver.url("/sns"))
        .returnSubscriptionArn(true)).subscriptionArn();
    String token = JSON.readTree(receiver.await("SubscriptionConfirmation", 1, WAIT).get(0).body()).path("Token")
        .asText();

    // When the token is confirmed through ConfirmSubscription
    String confirmed = sns().confirmSubscription(b -> b.topicArn(topicArn).token(token)).subscriptionArn();

    // Then the subscription is no longer pending
    assertEquals(arn, confirmed);
    Map<String, String> attributes = sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
    assertEquals("false", attributes.get("PendingConfirmation"));
    assertNotNull(attributes.get("EffectiveDeliveryPolicy"));
  }

  @Test
  void aPublishReachesTheConfirmedEndpointSignedAndWithAwsHeaders() throws Exception {
    // Given a confirmed http subscription of a topic signing with SignatureVersion 2
    String topicArn = topic();
    sns().setTopicAttributes(b -> b.topicArn(topicArn).attributeName("SignatureVersion").attributeValue("2"));
    String arn = confirmedSubscription(topicArn, Map.of());

    // When a message with a subject and an attribute is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).message("hello over http").subject("greeting")
        .messageAttributes(Map.of("colour", MessageAttributeValue.builder().dataType("String").stringValue("blue")
            .build()))).messageId();

    // Then the endpoint gets the notification with AWS's headers, and its signature verifies
    Request request = receiver.await("Notification", 1, WAIT).get(0);
    JsonNode body = JSON.readTree(request.body());
    assertEquals(messageId, request.header("x-amz-sns-message-id"));
    assertEquals(topicArn, request.header("x-amz-sns-topic-arn"));
    assertEquals(arn, request.header("x-amz-sns-subscription-arn"));
    assertEquals("hello over http", body.path("Message").asText());
    assertEquals("greeting", body.path("Subject").asText());
    assertEquals("2", body.path("SignatureVersion").asText());
    assertEquals("blue", body.path("MessageAttributes").path("colour").path("Value").asText());
    assertTrue(body.path("UnsubscribeURL").asText().contains("Action=Unsubscribe"));
    assertTrue(SnsSignatures.verify(request.body()));
  }

  @Test
  void rawDeliveryPostsTheBareMessage() throws Exception {
    // Given a confirmed http subscription with raw message delivery
    String topicArn = topic();
    confirmedSubscription(topicArn, Map.of("RawMessageDelivery", "true"));

    // When a message is published
    sns().publish(b -> b.topicArn(topicArn).message("{\"raw\":true}"));

    // Then the body is the message itself
    Request request = receiver.await("Notification", 1, WAIT).get(0);
    assertEquals("{\"raw\":true}", request.body());
    assertEquals("true", request.header("x-amz-sns-rawdelivery"));
  }

  @Test
  void aServerErrorIsRetriedByTheDeliveryPolicyUntilTheEndpointTakesTheMessage() throws Exception {
    // Given a confirmed subscription retrying every second, whose endpoint fails twice with 500 and 503
    String topicArn = topic(clocked.sns());
    confirmedSubscription(clocked.sns(), topicArn, Map.of("DeliveryPolicy", String.format(FAST_RETRIES, 3)));
    receiver.respondWith(500, 503);

    // When a message is published
    String messageId = clocked.sns().publish(b -> b.topicArn(topicArn).message("persist")).messageId();

    // Then it is delivered on the third attempt, the same message each time, a second apart
    receiver.await("Notification", 1, WAIT);
    retryComesASecondLater(1);
    List<Request> attempts = retryComesASecondLater(2);
    assertTrue(attempts.stream().allMatch(r -> messageId.equals(r.header("x-amz-sns-message-id"))));
    Thread.sleep(SETTLE.toMillis());
    clock.advanceSeconds(5);
    Thread.sleep(SETTLE.toMillis());
    assertEquals(3, notifications(receiver.requests()));
  }

  @Test
  void aClientErrorIsNotRetriedAndGoesToTheDeadLetterQueue() throws Exception {
    // Given a confirmed subscription with a dead-letter queue, whose endpoint answers 400
    String dlqUrl = sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("http-dlq"))).queueUrl();
    String dlqArn = sqs().getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    String topicArn = topic();
    confirmedSubscription(topicArn, Map.of("DeliveryPolicy", String.format(FAST_RETRIES, 3),
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}"));
    receiver.respondWith(400);

    // When a message is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).message("refused")).messageId();

    // Then the endpoint saw it once, and the dead-letter queue holds it with the error
    List<Message> dead = sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(5)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    assertEquals(1, dead.size());
    assertEquals(messageId, JSON.readTree(dead.get(0).body()).path("MessageId").asText());
    assertNotNull(dead.get(0).messageAttributes().get("ErrorCode"));
    assertEquals(1, notifications(receiver.requests()));
  }

  @Test
  void retriesStopWhenThePolicyIsExhausted() throws Exception {
    // Given a subscription allowing one retry, whose endpoint always fails
    String topicArn = topic(clocked.sns());
    confirmedSubscription(clocked.sns(), topicArn, Map.of("DeliveryPolicy", String.format(FAST_RETRIES, 1)));
    receiver.respondWith(500, 500, 500, 500);

    // When a message is published
    clocked.sns().publish(b -> b.topicArn(topicArn).message("doomed"));

    // Then it is attempted twice and then dropped
    receiver.await("Notification", 1, WAIT);
    retryComesASecondLater(1);
    Thread.sleep(SETTLE.toMillis());
    clock.advanceSeconds(5);
    Thread.sleep(SETTLE.toMillis());
    assertEquals(2, notifications(receiver.requests()));
  }

  @Test
  void fetchingTheUnsubscribeUrlOfANotificationEndsTheSubscription() throws Exception {
    // Given a confirmed subscription that received a notification
    String topicArn = topic();
    String arn = confirmedSubscription(topicArn, Map.of());
    sns().publish(b -> b.topicArn(topicArn).message("last one"));
    String unsubscribeUrl = JSON.readTree(receiver.await("Notification", 1, WAIT).get(0).body())
        .path("UnsubscribeURL").asText();

    // When its UnsubscribeURL is fetched
    HttpResponse<String> visit = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(unsubscribeUrl)).build(), HttpResponse.BodyHandlers.ofString());

    // Then the subscription is gone
    assertEquals(200, visit.statusCode(), visit.body());
    assertTrue(sns().listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
        .noneMatch(s -> s.subscriptionArn().equals(arn)));
  }

  @Test
  void unsubscribingSendsAnUnsubscribeConfirmation() throws Exception {
    // Given a confirmed http subscription
    String topicArn = topic();
    String arn = confirmedSubscription(topicArn, Map.of());

    // When it is unsubscribed
    sns().unsubscribe(b -> b.subscriptionArn(arn));

    // Then the endpoint is told, with a signed UnsubscribeConfirmation
    Request request = receiver.await("UnsubscribeConfirmation", 1, WAIT).get(0);
    assertEquals(arn, request.header("x-amz-sns-subscription-arn"));
    assertTrue(SnsSignatures.verify(request.body()));
  }
}

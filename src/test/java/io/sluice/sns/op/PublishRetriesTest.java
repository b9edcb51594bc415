package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.delivery.DeliveryFailure;
import io.sluice.testing.Await;
import io.sluice.testing.MemorySns.ServiceCallMade;
import io.sluice.testing.MemorySns;
import io.sluice.testing.RecordingDeliveries.Attempted;
import io.sluice.testing.RecordingDeliveries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What happens after a failed delivery of a publish, on the in-memory store with a manual clock:
 * retries at exactly the times the subscription's effective delivery policy gives (HTTP/S) or AWS's
 * fixed policy (SQS), the dead-letter queue after the last one, and no more attempts once the
 * endpoint took the message or the subscription is gone. See "Amazon SNS message delivery retries".
 */
class PublishRetriesTest {
  private static final String HOOK = "https://example.com/hook";
  private static final String DLQ = MemorySns.queueArn("dlq");
  private static final String REDRIVE = "{\"deadLetterTargetArn\":\"" + DLQ + "\"}";
  /**
   * Six retries: one at once, one after the minimum (2 s), three backing off linearly from 2 to 10 s
   * (2, 6, 10 s), one after the maximum (10 s).
   */
  private static final String SIX_RETRIES = "{\"healthyRetryPolicy\":{\"minDelayTarget\":2,\"maxDelayTarget\":10,"
      + "\"numRetries\":6,\"numNoDelayRetries\":1,\"numMinDelayRetries\":1,\"numMaxDelayRetries\":1,"
      + "\"backoffFunction\":\"linear\"}}";

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());
  private final long start = sns.clock().millis();

  /** When each attempt to {@code endpoint} was made, in millis after the test began. */
  private List<Long> attemptTimes(String endpoint) {
    return sns.deliveries().attempts(endpoint).stream().map(a -> a.at() - start).toList();
  }

  private void assertNothingLeftToDeliver() {
    assertEquals(List.of(), sns.timers().oneShots());
    long now = sns.clock().millis();
    assertEquals(List.of(), Await.await(sns.memory().deliveries().claim(now + 86_400_000L, 10, "test", now)));
  }

  @Test
  void anHttpSubscriptionIsRetriedOnItsPolicysScheduleAndThenDeadLettered() throws Exception {
    // Given a confirmed https subscription with six retries and a dead-letter queue, whose endpoint always fails
    sns.subscribeConfirmed(topic, "https", HOOK, Map.of("DeliveryPolicy", SIX_RETRIES, "RedrivePolicy", REDRIVE));
    sns.deliveries().failAlways(HOOK, RecordingDeliveries.serverError());

    // When a message is published
    String id = sns.publish(topic, "m");

    // Then the first attempt and the immediate retry were made at once, the next is due in 2 s
    assertEquals(List.of(0L, 0L), attemptTimes(HOOK));
    assertEquals(List.of(start + 2000), sns.timers().oneShots());
    sns.clock().advanceMillis(1999);
    assertEquals(2, attemptTimes(HOOK).size());

    // And as the clock moves on, the rest follow at the policy's delays, numbered 1 to 7, then no more
    sns.clock().advanceSeconds(120);
    assertEquals(List.of(0L, 0L, 2000L, 4000L, 10_000L, 20_000L, 30_000L), attemptTimes(HOOK));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), sns.deliveries().attempts(HOOK).stream().map(Attempted::number)
        .toList());

    // And right after the last one the dead-letter queue was sent the envelope, with AWS's attributes
    List<ServiceCallMade> deadLetters = sns.deadLetters();
    assertEquals(1, deadLetters.size());
    ServiceCallMade dead = deadLetters.get(0);
    assertEquals(start + 30_000, dead.at());
    assertEquals("sqs", dead.service());
    assertEquals("SendMessage", dead.action());
    assertEquals("/" + MemorySns.ACCOUNT + "/dlq", dead.params().get("QueueUrl").asText());
    Attempted last = sns.deliveries().attempts(HOOK).get(6);
    assertEquals(last.attempt().delivery().id(), dead.params().at("/MessageAttributes/RequestID/StringValue").asText());
    assertEquals("HttpStatus500", dead.params().at("/MessageAttributes/ErrorCode/StringValue").asText());
    JsonNode envelope = JsonCodec.json().readTree(dead.params().get("MessageBody").asText());
    assertEquals(id, envelope.get("MessageId").asText());
    assertEquals("m", envelope.get("Message").asText());
    assertNothingLeftToDeliver();
  }

  @Test
  void withoutAPolicyAnHttpSubscriptionIsRetriedThreeTimesTwentySecondsApartAndThenDropped() {
    // Given a confirmed https subscription without a delivery policy or dead-letter queue, always failing
    sns.subscribeConfirmed(topic, "https", HOOK, null);
    sns.deliveries().failAlways(HOOK, RecordingDeliveries.serverError());

    // When a message is published and an hour passes
    sns.publish(topic, "m");
    sns.clock().advanceSeconds(3600);

    // Then AWS's default policy made four attempts 20 s apart, and the message was dropped
    assertEquals(List.of(0L, 20_000L, 40_000L, 60_000L), attemptTimes(HOOK));
    assertEquals(List.of(), sns.deadLetters());
    assertNothingLeftToDeliver();
  }

  @Test
  void aTopicPolicyThatDisablesOverridesWinsOverTheSubscriptions() {
    // Given a topic retrying twice 5 s apart and not letting subscriptions override that, and a
    // subscription asking for five retries a second apart
    sns.call(SetTopicAttributes::new, new SetTopicAttributes.Request(topic, "DeliveryPolicy",
        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":5,\"numRetries\":2},"
            + "\"disableSubscriptionOverrides\":true}}"));
    sns.subscribeConfirmed(topic, "https", HOOK, Map.of("DeliveryPolicy",
        "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":5}}"));
    sns.deliveries().failAlways(HOOK, RecordingDeliveries.serverError());

    // When a message is published and a minute passes
    sns.publish(topic, "m");
    sns.clock().advanceSeconds(60);

    // Then the topic's policy was followed
    assertEquals(List.of(0L, 5000L, 10_000L), attemptTimes(HOOK));
  }

  @Test
  void aSubscriptionPolicyOverridesTheTopicsUnlessDisabled() {
    // Given a topic retrying twice 5 s apart, and a subscription asking for three retries a second apart
    sns.call(SetTopicAttributes::new, new SetTopicAttributes.Request(topic, "DeliveryPolicy",
        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":5,\"numRetries\":2}}}"));
    sns.subscribeConfirmed(topic, "https", HOOK, Map.of("DeliveryPolicy",
        "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":3}}"));
    sns.deliveries().failAlways(HOOK, RecordingDeliveries.serverError());

    // When a message is published and a minute passes
    sns.publish(topic, "m");
    sns.clock().advanceSeconds(60);

    // Then the subscription's policy was followed
    assertEquals(List.of(0L, 1000L, 2000L, 3000L), attemptTimes(HOOK));
  }

  @Test
  void anEndpointThatRecoversGetsTheMessageOnceAndTheRetriesStop() {
    // Given an https subscription whose endpoint fails twice
    sns.subscribeConfirmed(topic, "https", HOOK, Map.of("RedrivePolicy", REDRIVE));
    sns.deliveries().failNext(HOOK, 2, RecordingDeliveries.serverError());

    // When a message is published and an hour passes
    sns.publish(topic, "m");
    sns.clock().advanceSeconds(3600);

    // Then the third attempt, 40 s after the first, delivered it, and nothing else happened
    assertEquals(List.of(0L, 20_000L, 40_000L), attemptTimes(HOOK));
    assertEquals(List.of(false, false, true), sns.deliveries().attempts(HOOK).stream().map(Attempted::succeeded)
        .toList());
    assertEquals(List.of(), sns.deadLetters());
    assertNothingLeftToDeliver();
  }

  @Test
  void aQueueSubscriptionFollowsAwsManagedRetries() {
    // Given a queue subscription whose queue fails seven times with a retryable error
    String queue = MemorySns.queueArn("q");
    sns.subscribe(topic, "sqs", queue, null);
    sns.deliveries().failNext(queue, 7, new DeliveryFailure(true, "ServiceUnavailable", "try again"));

    // When a message is published and a minute passes
    sns.publish(topic, "m");
    sns.clock().advanceSeconds(60);

    // Then three retries came at once, two a second apart, then the backoff began at 1 s and grew
    // (exponentially over ten steps from 1 to 20 s: the second step is 1 + 19/511 s)
    assertEquals(List.of(0L, 0L, 0L, 0L, 1000L, 2000L, 3000L, 4037L), attemptTimes(queue));
    assertTrue(sns.deliveries().attempts(queue).get(7).succeeded());
    assertNothingLeftToDeliver();
  }

  @Test
  void aSubscriptionDeletedBetweenAttemptsIsNotRetriedOrDeadLettered() {
    // Given an https subscription with a dead-letter queue whose endpoint fails, and a message published to it
    String arn = sns.subscribeConfirmed(topic, "https", HOOK, Map.of("RedrivePolicy", REDRIVE));
    sns.deliveries().failAlways(HOOK, RecordingDeliveries.serverError());
    sns.publish(topic, "m");

    // When the subscription is deleted before its retry is due and time passes
    sns.call(Unsubscribe::new, new Unsubscribe.Request(arn));
    sns.clock().advanceSeconds(3600);

    // Then the first attempt was the only one
    assertEquals(List.of(0L), attemptTimes(HOOK));
    assertEquals(List.of(), sns.deadLetters());
    assertNothingLeftToDeliver();
  }
}

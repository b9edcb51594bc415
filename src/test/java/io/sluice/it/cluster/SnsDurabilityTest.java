package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.HttpReceiver;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SNS deliveries survive the node that accepted them, on the Redis engine: a publish acknowledged
 * just before kill -9 reaches its SQS subscriber through the next node, and HTTP retries interrupted
 * by a restart go on where they stopped, with the attempts already made counted.
 */
class SnsDurabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGES = 200;
  /** A node owns its deliveries for a second, so the next node takes over quickly. */
  private static final String LEASE_MS = "1000";
  /** An HTTP attempt ends within its lease (the configuration insists). */
  private static final String HTTP_TIMEOUT_MS = "500";

  @Test
  void publishesAcknowledgedBeforeKillNineReachTheQueueThroughTheNextNode() throws Exception {
    Map<String, String> env = Map.of("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("sns-kill9"),
        "SLUICE_SNS_DELIVERY_LEASE_MS", LEASE_MS, "SLUICE_SNS_HTTP_TIMEOUT_MS", HTTP_TIMEOUT_MS,
        "SLUICE_SNS_SWEEP_INTERVAL_MS", "100");
    String queue = TestSluice.uniqueName("sns-durable");
    Set<String> published = new HashSet<>();

    // Given a topic with an SQS subscriber, N publishes acknowledged, then kill -9 at once
    try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env)) {
      String url = first.sqs().createQueue(b -> b.queueName(queue)).queueUrl();
      String queueArn = first.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
          .attributesAsStrings().get("QueueArn");
      String topicArn = first.sns().createTopic(b -> b.name(queue)).topicArn();
      first.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
          .attributes(Map.of("RawMessageDelivery", "true")));
      for (int i = 0; i < MESSAGES; i++) {
        String body = "message-" + i;
        first.sns().publish(b -> b.topicArn(topicArn).message(body));
        published.add(body);
      }
      first.kill();
    }

    // When a new node starts on the same Redis
    try (SluiceProcess second = SluiceProcess.start(Engine.REDIS, env)) {
      String url = second.sqs().getQueueUrl(b -> b.queueName(queue)).queueUrl();

      // Then the queue receives every published message (at least once)
      Set<String> received = new HashSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!received.containsAll(published) && System.nanoTime() < deadline) {
        for (Message m : second.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
            .visibilityTimeout(600).waitTimeSeconds(1)).messages()) {
          received.add(m.body());
        }
      }
      assertEquals(published, received);
    }
  }

  @Test
  void httpRetriesInterruptedByARestartContinueOnTheNextNode() throws Exception {
    Map<String, String> env = Map.of("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("sns-retry"),
        "SLUICE_SNS_DELIVERY_LEASE_MS", LEASE_MS, "SLUICE_SNS_HTTP_TIMEOUT_MS", HTTP_TIMEOUT_MS,
        "SLUICE_SNS_SWEEP_INTERVAL_MS", "100");
    // Three retries three seconds apart: four attempts in all, then the message is given up.
    String policy = "{\"healthyRetryPolicy\":{\"minDelayTarget\":3,\"maxDelayTarget\":3,\"numRetries\":3,"
        + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"numMaxDelayRetries\":0,\"backoffFunction\":\"linear\"}}";
    try (HttpReceiver receiver = new HttpReceiver()) {
      receiver.respondWith(500, 500, 500, 500, 500, 500);
      // Given a confirmed http subscription whose endpoint keeps failing, and a first attempt made
      try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env)) {
        String topicArn = first.sns().createTopic(b -> b.name(TestSluice.uniqueName("sns-retry"))).topicArn();
        first.sns().subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(receiver.url("/retry"))
            .attributes(Map.of("DeliveryPolicy", policy)));
        String subscribeUrl = JSON.readTree(receiver.await("SubscriptionConfirmation", 1, Duration.ofSeconds(10))
            .get(0).body()).path("SubscribeURL").asText();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(subscribeUrl)).build(),
            HttpResponse.BodyHandlers.discarding());
        first.sns().publish(b -> b.topicArn(topicArn).message("keep trying"));
        receiver.await("Notification", 1, Duration.ofSeconds(10));

        // When the node stops (the first retry is due in three seconds) and another one starts
        first.terminate(Duration.ofSeconds(30));
      }
      try (SluiceProcess second = SluiceProcess.start(Engine.REDIS, env)) {
        // Then the new node makes the remaining three retries, and no more
        receiver.await("Notification", 4, Duration.ofSeconds(30));
        Thread.sleep(5000);
        long attempts = receiver.requests().stream()
            .filter(r -> "Notification".equals(r.header("x-amz-sns-message-type"))).count();
        assertEquals(4, attempts);
        assertTrue(second.isAlive());
      }
    }
  }
}

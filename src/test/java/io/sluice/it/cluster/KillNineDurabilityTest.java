package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A node killed with kill -9 loses nothing it acknowledged: every message whose SendMessage
 * succeeded is in Redis, and a new node on the same Redis delivers it.
 */
class KillNineDurabilityTest {
  private static final int MESSAGES = 100;

  @Test
  void messagesAcknowledgedBeforeKillNineAreDeliveredByTheNextNode() {
    Map<String, String> env = Map.of("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("kill9"));
    String name = TestSluice.uniqueName("durable");
    Map<String, String> sent = new HashMap<>();

    // Given N messages acknowledged by a Redis-backed node, which is then killed outright
    try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env)) {
      String url = first.sqs().createQueue(b -> b.queueName(name)).queueUrl();
      for (int i = 0; i < MESSAGES; i++) {
        String body = "message-" + i;
        sent.put(first.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body)).messageId(), body);
      }
      first.kill();
    }

    // When a new node starts on the same Redis
    try (SluiceProcess second = SluiceProcess.start(Engine.REDIS, env)) {
      String url = second.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();

      // Then it delivers every one of them
      Map<String, String> received = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() < MESSAGES && System.nanoTime() < deadline) {
        for (Message m : second.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
            .visibilityTimeout(600).waitTimeSeconds(1)).messages()) {
          received.put(m.messageId(), m.body());
        }
      }
      assertEquals(sent, received);
    }
  }
}

package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SdkClients;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * While its Redis is down a node answers 503 ServiceUnavailable, logs the outage once rather than a
 * trace per call, and serves again by itself once Redis is back. Redis here persists every write
 * (append-only file, fsync always), so data written before the outage is checked after it.
 */
class StoreOutageTest {
  private static final int CALLS_DURING_OUTAGE = 40;

  @Test
  void callsDuringARedisOutageAnswer503AndTheNodeRecoversWithItsData(@TempDir Path dir) throws Exception {
    // Given a node on a Redis that persists every write, holding a queue with a message and a topic
    int port = RedisTestServer.freePort();
    String[] persistent = {"--appendonly", "yes", "--appendfsync", "always", "--save", ""};
    Process redis = RedisTestServer.startDedicated(port, dir, persistent);
    try (SluiceProcess node = SluiceProcess.start(Engine.REDIS, Map.of("SLUICE_REDIS_URL", "redis://127.0.0.1:" + port));
         SqsClient sqs = SdkClients.sqsWithoutRetries(node.endpoint());
         SnsClient sns = SdkClients.snsWithoutRetries(node.endpoint())) {
      String queueUrl = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("outage"))).queueUrl();
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("before the outage"));
      String topicArn = sns.createTopic(b -> b.name(TestSluice.uniqueName("outage"))).topicArn();
      int traceLinesBefore = traceLines(node).size();

      // When Redis goes away and calls keep coming
      redis.destroy();
      redis.waitFor();
      for (int i = 0; i < CALLS_DURING_OUTAGE; i++) {
        // Then every call answers 503 with the service's unavailable code
        assertUnavailable(() -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("during")));
        assertUnavailable(() -> sqs.receiveMessage(b -> b.queueUrl(queueUrl)));
        assertUnavailable(() -> sns.publish(b -> b.topicArn(topicArn).message("during")));
        assertUnavailable(() -> sns.getTopicAttributes(b -> b.topicArn(topicArn)));
      }
      // and the log holds one line for the outage, no stack trace
      assertTrue(node.printed("is unavailable (connection", Duration.ofSeconds(5)), node.output()::toString);
      assertEquals(1, node.output().stream().filter(l -> l.contains(" is unavailable (")).count(),
          node.output()::toString);
      assertEquals(List.of(), traceLines(node).stream().skip(traceLinesBefore).toList(), node.output()::toString);

      // When Redis is back
      redis = RedisTestServer.startDedicated(port, dir, persistent);

      // Then calls succeed again without a restart of the node, and what was written before is there
      List<Message> messages = eventually(() -> sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
          .messages());
      assertEquals(List.of("before the outage"), messages.stream().map(Message::body).toList());
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("after the outage"));
      assertEquals(topicArn, sns.getTopicAttributes(b -> b.topicArn(topicArn)).attributes().get("TopicArn"));
      assertTrue(node.printed("is available again", Duration.ofSeconds(5)), node.output()::toString);
    } finally {
      redis.destroy();
    }
  }

  private static void assertUnavailable(Runnable call) {
    AwsServiceException e = assertThrows(AwsServiceException.class, call::run);
    assertEquals(503, e.statusCode(), e::toString);
    assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode(), e::toString);
  }

  private static List<String> traceLines(SluiceProcess node) {
    return node.output().stream().filter(l -> l.startsWith("\tat ") || l.contains("Exception")).toList();
  }

  private static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        if (e.statusCode() != 503 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}

package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.SdkClients;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TwoNodeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Two clustered JVMs on one Redis: a message sent through node A answers a long poll held on node B
 * at once, because A's send is announced to B over the clustered event bus.
 */
class ClusteredLongPollTest {
  /** Generous for a wake-up that takes milliseconds, and far below the 20 s the poll would wait. */
  private static final long PROMPT_MS = 1000;

  @Test
  void messageSentOnNodeAAnswersALongPollHeldOnNodeB() throws Exception {
    List<Map<String, String>> nodes = TwoNodeCluster.environments("cluster", Map.of());
    try (SluiceProcess a = SluiceProcess.start(Engine.REDIS, nodes.get(0));
         SluiceProcess b = SluiceProcess.start(Engine.REDIS, nodes.get(1));
         SqsAsyncClient sqsB = SdkClients.sqsAsync(b.endpoint())) {
      // Given two nodes that form one cluster on one Redis, and a queue
      assertTrue(b.printed("joined: 2 nodes", Duration.ofSeconds(30)), String.join("\n", b.output()));
      String url = a.sqs().createQueue(q -> q.queueName(TestSluice.uniqueName("clustered"))).queueUrl();
      relay(a, sqsB, url);

      // And a 20 s long poll held on node B
      CompletableFuture<ReceiveMessageResponse> poll = sqsB.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
      Prometheus.awaitActivePost(b.endpoint());

      // When a message is sent through node A
      String id = a.sqs().sendMessage(s -> s.queueUrl(url).messageBody("across")).messageId();
      long sent = System.nanoTime();

      // Then B's poll answers with it within milliseconds
      ReceiveMessageResponse answer = poll.get(20, TimeUnit.SECONDS);
      long tookMs = (System.nanoTime() - sent) / 1_000_000;
      System.out.printf("long poll on B answered %d ms after the send on A%n", tookMs);
      assertEquals(1, answer.messages().size());
      assertEquals(id, answer.messages().get(0).messageId());
      assertTrue(tookMs < PROMPT_MS, "took " + tookMs + " ms");
    }
  }

  /** One message through A to a poll on B, so both nodes have seen each other's bus consumers. */
  private static void relay(SluiceProcess a, SqsAsyncClient sqsB, String url) throws Exception {
    CompletableFuture<ReceiveMessageResponse> warmUp = sqsB.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    a.sqs().sendMessage(s -> s.queueUrl(url).messageBody("warm-up"));
    ReceiveMessageResponse got = warmUp.get(30, TimeUnit.SECONDS);
    for (var m : got.messages()) {
      sqsB.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())).get(10, TimeUnit.SECONDS);
    }
  }

}

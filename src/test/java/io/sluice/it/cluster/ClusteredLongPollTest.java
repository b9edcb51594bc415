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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Two clustered JVMs on one Redis: a send through node A, or a visibility change that makes a
 * message visible, answers a long poll held on node B at once, because A announces the queue to B
 * over the clustered event bus.
 */
class ClusteredLongPollTest {
  /** Generous for a wake-up that takes milliseconds, and far below the 20 s the poll would wait. */
  private static final long PROMPT_MS = 1000;
  /** Far below the 20 s a poll that was not woken would take. */
  private static final long WELL_BEFORE_THE_WAIT_MS = 5000;

  private static SluiceProcess a;
  private static SluiceProcess b;
  private static SqsAsyncClient sqsB;

  @BeforeAll
  static void startCluster() {
    // Given two nodes that form one cluster on one Redis
    List<Map<String, String>> nodes = TwoNodeCluster.environments("cluster", Map.of());
    a = SluiceProcess.start(Engine.REDIS, nodes.get(0));
    b = SluiceProcess.start(Engine.REDIS, nodes.get(1));
    sqsB = SdkClients.sqsAsync(b.endpoint());
    assertTrue(b.printed("joined: 2 nodes", Duration.ofSeconds(30)), String.join("\n", b.output()));
  }

  @AfterAll
  static void stopCluster() {
    for (AutoCloseable c : new AutoCloseable[] {sqsB, b, a}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next one is still closed
      }
    }
  }

  @Test
  void messageSentOnNodeAAnswersALongPollHeldOnNodeB() throws Exception {
    // Given a queue, and a 20 s long poll held on node B
    String url = a.sqs().createQueue(q -> q.queueName(TestSluice.uniqueName("clustered"))).queueUrl();
    relay(url);
    CompletableFuture<ReceiveMessageResponse> poll = sqsB.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    Prometheus.awaitHeldPolls(b.endpoint(), 1);

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

  @Test
  void visibilityChangedToZeroOnNodeAAnswersALongPollHeldOnNodeB() throws Exception {
    // Given a message in flight for 60 s, and a 20 s long poll held on node B
    String url = a.sqs().createQueue(q -> q.queueName(TestSluice.uniqueName("clusteredcmv"))).queueUrl();
    relay(url);
    a.sqs().sendMessage(s -> s.queueUrl(url).messageBody("recover"));
    Message inFlight = a.sqs().receiveMessage(r -> r.queueUrl(url).visibilityTimeout(60)).messages().get(0);
    CompletableFuture<ReceiveMessageResponse> poll = sqsB.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    Prometheus.awaitHeldPolls(b.endpoint(), 1);
    long changed = System.nanoTime();

    // When node A makes it visible at once
    a.sqs().changeMessageVisibility(c -> c.queueUrl(url).receiptHandle(inFlight.receiptHandle()).visibilityTimeout(0));

    // Then B's poll answers it well before its wait ends
    ReceiveMessageResponse answer = poll.get(30, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - changed) / 1_000_000;
    assertEquals(List.of(inFlight.messageId()), answer.messages().stream().map(Message::messageId).toList());
    assertTrue(tookMs < WELL_BEFORE_THE_WAIT_MS, "took " + tookMs + " ms");
  }

  /** One message through A to a poll on B, so both nodes have seen each other's bus consumers. */
  private static void relay(String url) throws Exception {
    CompletableFuture<ReceiveMessageResponse> warmUp = sqsB.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
    a.sqs().sendMessage(s -> s.queueUrl(url).messageBody("warm-up"));
    ReceiveMessageResponse got = warmUp.get(30, TimeUnit.SECONDS);
    for (var m : got.messages()) {
      sqsB.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())).get(10, TimeUnit.SECONDS);
    }
  }
}

package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.SdkClients;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Stopping a node (Sluice.stop, or SIGTERM as Kubernetes sends) answers its held long polls at once
 * instead of letting them run out their 20 s, and the node exits.
 */
class GracefulShutdownTest {
  /** Far below the 20 s the polls would otherwise be held, far above what answering them takes. */
  private static final Duration PROMPTLY = Duration.ofSeconds(8);

  @Test
  void stopAnswersAHeldLongPollAtOnceWithNoMessages() throws Exception {
    TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of());
    try (SqsAsyncClient sqs = SdkClients.sqsAsync(node.endpoint())) {
      // Given a long poll of 20 s held on an empty queue
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("held"))).get().queueUrl();
      CompletableFuture<ReceiveMessageResponse> poll = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));
      Prometheus.awaitActivePost(node.endpoint());

      // When the node stops
      long started = System.nanoTime();
      CompletableFuture<Void> stopped = node.sluice().stop().toCompletionStage().toCompletableFuture();

      // Then the poll is answered promptly, with no messages, and the node finishes stopping
      ReceiveMessageResponse answer = poll.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
      assertTrue(answer.messages().isEmpty());
      assertTrue(System.nanoTime() - started < PROMPTLY.toNanos());
      stopped.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigtermAnswersAHeldLongPollAndTheProcessExits() throws Exception {
    try (SluiceProcess node = SluiceProcess.start(Engine.MEMORY, Map.of());
         SqsAsyncClient sqs = SdkClients.sqsAsync(node.endpoint())) {
      // Given a long poll of 20 s held by a node in its own JVM
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("sigterm"))).get().queueUrl();
      CompletableFuture<ReceiveMessageResponse> poll = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));
      Prometheus.awaitActivePost(node.endpoint());

      // When the process gets SIGTERM
      long started = System.nanoTime();
      node.terminate(Duration.ofSeconds(30));

      // Then the poll was answered promptly with no messages, and the node stopped gracefully
      ReceiveMessageResponse answer = poll.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
      assertTrue(answer.messages().isEmpty());
      assertTrue(System.nanoTime() - started < PROMPTLY.toNanos(), "took too long to stop");
      assertFalse(node.isAlive());
      assertTrue(node.printed("Sluice stopped", Duration.ofSeconds(5)), String.join("\n", node.output()));
    }
  }
}

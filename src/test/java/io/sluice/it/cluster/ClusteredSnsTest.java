package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TwoNodeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two clustered JVMs on one Redis act as one SNS: a subscription made through node A receives
 * publishes made through node B within moments, although B keeps topics and subscriptions cached
 * (here for a minute), because A announces the change to B over the clustered event bus.
 */
class ClusteredSnsTest {

  @Test
  void aSubscriptionMadeOnNodeAReceivesTheNextPublishOnNodeB() throws Exception {
    // Cached for a minute: only the cluster-wide announcement can make B see the change in time.
    List<Map<String, String>> nodes =
        TwoNodeCluster.environments("sns-cluster", Map.of("SLUICE_SNS_TOPIC_CACHE_MS", "60000"));
    try (SluiceProcess a = SluiceProcess.start(Engine.REDIS, nodes.get(0));
         SluiceProcess b = SluiceProcess.start(Engine.REDIS, nodes.get(1))) {
      // Given two nodes forming one cluster, a topic, and node B publishing to it (so B caches it)
      assertTrue(b.printed("joined: 2 nodes", Duration.ofSeconds(30)), String.join("\n", b.output()));
      String topicArn = a.sns().createTopic(t -> t.name(TestSluice.uniqueName("clustered"))).topicArn();
      awaitBusBetween(a, b, topicArn);

      // When a queue subscribes through node A
      String url = a.sqs().createQueue(q -> q.queueName(TestSluice.uniqueName("late-subscriber"))).queueUrl();
      subscribe(a, topicArn, url);

      // Then publishes through node B reach it within seconds, long before B's cache would expire
      // (the announcement travels beside the Subscribe reply, so the very next publish may race it)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<Message> got = List.of();
      while (got.isEmpty() && System.nanoTime() < deadline) {
        b.sns().publish(p -> p.topicArn(topicArn).message("after"));
        got = a.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages();
      }
      assertEquals(List.of("after"), got.stream().map(Message::body).distinct().toList());
    }
  }

  /**
   * Until a subscription made on A is seen by B's very next publish: the clustered bus can take a
   * moment after the nodes joined before A's announcements reach B's consumers.
   */
  private static void awaitBusBetween(SluiceProcess a, SluiceProcess b, String topicArn) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      b.sns().publish(p -> p.topicArn(topicArn).message("warm-up"));
      String url = a.sqs().createQueue(q -> q.queueName(TestSluice.uniqueName("warm-up"))).queueUrl();
      subscribe(a, topicArn, url);
      b.sns().publish(p -> p.topicArn(topicArn).message("probe"));
      if (!a.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages().isEmpty()) {
        return;
      }
    }
    throw new AssertionError("node B never saw a subscription made on node A");
  }

  private static void subscribe(SluiceProcess node, String topicArn, String queueUrl) {
    String arn = node.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    node.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(arn)
        .attributes(Map.of("RawMessageDelivery", "true")));
  }
}

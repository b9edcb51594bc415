package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Base of the SNS black-box tests: they run on the node shared by the whole test run for their
 * engine (subclasses are {@code @ParameterizedClass @EnumSource(Engine.class)}) and use unique
 * topics and queues. The helpers create topics, queues and queue subscriptions and wait for what
 * SNS delivers to a queue.
 */
abstract class SharedSnsNodeTest {
  /** How long a test waits for a delivery that should come. */
  static final Duration DELIVERY_WAIT = Duration.ofSeconds(20);

  @Parameter
  Engine engine;

  TestSluice node() {
    return TestSluice.shared(engine);
  }

  SnsClient sns() {
    return node().sns();
  }

  SqsClient sqs() {
    return node().sqs();
  }

  /** A standard topic named {@code base} plus a unique suffix. */
  String topic(String base, Map<String, String> attributes) {
    String name = TestSluice.uniqueName(base);
    return sns().createTopic(b -> b.name(name).attributes(attributes)).topicArn();
  }

  String topic(String base) {
    return topic(base, Map.of());
  }

  /** A FIFO topic (name ending in .fifo) with {@code extra} attributes. */
  String fifoTopic(String base, Map<String, String> extra) {
    Map<String, String> attributes = new HashMap<>(extra);
    attributes.put("FifoTopic", "true");
    String name = TestSluice.uniqueName(base) + ".fifo";
    return sns().createTopic(b -> b.name(name).attributes(attributes)).topicArn();
  }

  /** A standard queue; answers its URL. */
  String queue(String base) {
    String name = TestSluice.uniqueName(base);
    return sqs().createQueue(b -> b.queueName(name)).queueUrl();
  }

  /** A FIFO queue; answers its URL. */
  String fifoQueue(String base) {
    String name = TestSluice.uniqueName(base) + ".fifo";
    return sqs().createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
        .queueUrl();
  }

  String queueArn(String queueUrl) {
    return sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** Subscribes the queue to the topic; answers the subscription ARN. */
  String subscribe(String topicArn, String queueUrl, Map<String, String> attributes) {
    String endpoint = queueArn(queueUrl);
    return sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(endpoint).attributes(attributes))
        .subscriptionArn();
  }

  String subscribe(String topicArn, String queueUrl) {
    return subscribe(topicArn, queueUrl, Map.of());
  }

  /** A queue subscribed to the topic (raw delivery when {@code raw}); answers the queue URL. */
  String subscribedQueue(String topicArn, boolean raw) {
    String url = queue("sub");
    subscribe(topicArn, url, raw ? Map.of("RawMessageDelivery", "true") : Map.of());
    return url;
  }

  /**
   * Receives (and deletes) until {@code count} messages came or {@link #DELIVERY_WAIT} passed;
   * answers what came, with all attributes.
   */
  List<Message> receive(String queueUrl, int count) {
    List<Message> got = new ArrayList<>();
    long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
    while (got.size() < count && System.nanoTime() < deadline) {
      List<Message> batch = sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      for (Message m : batch) {
        sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
      got.addAll(batch);
    }
    return got;
  }

  /** The one message SNS delivers to the queue; fails if none (or more) came. */
  Message receiveOne(String queueUrl) {
    List<Message> got = receive(queueUrl, 1);
    assertEquals(1, got.size(), "messages delivered to " + queueUrl);
    return got.get(0);
  }

  /** What is in the queue now, after a short wait (for checking that nothing more came). */
  List<Message> remaining(String queueUrl) {
    return sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
        .messageAttributeNames("All")).messages();
  }
}

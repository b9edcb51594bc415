package io.sluice.it.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** PurgeQueue through the AWS SDK v2, on each engine, with a clock moved by hand. */
@ParameterizedClass
@EnumSource(Engine.class)
class PurgeQueueTest {
  @Parameter
  Engine engine;

  private static Map<String, String> counts(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();
  }

  private static final Map<String, String> EMPTY = Map.of("ApproximateNumberOfMessages", "0",
      "ApproximateNumberOfMessagesNotVisible", "0", "ApproximateNumberOfMessagesDelayed", "0");

  @Test
  void purgeDeletesVisibleInFlightAndDelayedMessagesButKeepsTheQueue() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a queue with a changed attribute and visible, in-flight and delayed messages
      SqsClient sqs = node.sqs();
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("purge"))
          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))).queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("visible"));
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("in flight"));
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("delayed").delaySeconds(60));
      List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages();
      assertEquals(1, received.size());

      // When the queue is purged
      sqs.purgeQueue(b -> b.queueUrl(url));

      // Then no message is left, none reappears later, and the queue keeps its attributes
      assertEquals(EMPTY, counts(sqs, url));
      assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().isEmpty());
      clock.advanceSeconds(61);
      assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().isEmpty());
      assertEquals("5", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
          .attributesAsStrings().get("VisibilityTimeout"));
    }
  }

  @Test
  void aSecondPurgeWithinSixtySecondsIsRejectedAndKeepsNewMessages() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a queue purged, then sent a message 59 s later
      SqsClient sqs = node.sqs();
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("purge"))).queueUrl();
      sqs.purgeQueue(b -> b.queueUrl(url));
      clock.advanceSeconds(59);
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("after"));

      // When it is purged again then, and once more at 60 s
      assertThrows(PurgeQueueInProgressException.class, () -> sqs.purgeQueue(b -> b.queueUrl(url)));
      Map<String, String> afterRejected = counts(sqs, url);
      clock.advanceSeconds(1);
      sqs.purgeQueue(b -> b.queueUrl(url));

      // Then the rejected purge deleted nothing, and the later one everything
      assertEquals("1", afterRejected.get("ApproximateNumberOfMessages"));
      assertEquals(EMPTY, counts(sqs, url));
    }
  }

  @Test
  void purgingAnUnknownQueueFails() {
    SqsClient sqs = TestSluice.shared(engine).sqs();
    String url = TestSluice.shared(engine).endpoint() + "/000000000000/" + TestSluice.uniqueName("purge");
    assertThrows(QueueDoesNotExistException.class, () -> sqs.purgeQueue(b -> b.queueUrl(url)));
  }
}

package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The in-flight quota (120,000 on AWS, 2 on this node): a standard queue answers OverLimit, a FIFO
 * queue answers no messages and no error (ReceiveMessage and ChangeMessageVisibility API references).
 */
@ParameterizedClass
@EnumSource(Engine.class)
class InFlightQuotaTest {
  @Parameter
  Engine engine;

  private TestSluice node;
  private SqsClient sqs;

  @BeforeEach
  void start() {
    node = TestSluice.start(engine, new ManualClock(), Map.of("SLUICE_SQS_MAX_INFLIGHT_STANDARD", "2",
        "SLUICE_SQS_MAX_INFLIGHT_FIFO", "2"));
    sqs = node.sqs();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void standardQueueAtItsInFlightQuotaAnswersOverLimitUntilAMessageIsDeleted() {
    // Given two messages in flight and a third waiting
    String url = createQueue(sqs, "quota");
    for (String body : List.of("a", "b", "c")) {
      sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
    }
    List<Message> inFlight = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(2, inFlight.size(), "a receive takes no more than the quota leaves");

    // When another receive is made, Then OverLimit
    assertAwsError("OverLimit", () -> sqs.receiveMessage(b -> b.queueUrl(url)));

    // When one in-flight message is deleted, Then the third can be received
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(inFlight.get(0).receiptHandle()));
    assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url)).messages().size());
  }

  @Test
  void fifoQueueAtItsInFlightQuotaAnswersNoMessagesWithoutError() {
    String url = createQueue(sqs, "quota.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    for (String group : List.of("g1", "g2", "g3")) {
      sqs.sendMessage(b -> b.queueUrl(url).messageBody(group).messageGroupId(group));
    }
    assertEquals(2, sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().size());

    assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().isEmpty());
  }
}

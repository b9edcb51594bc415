package io.sluice.it.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The basic message cycle through the AWS SDK v2 SqsClient, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class SendReceiveDeleteTest {
  @Parameter
  Engine engine;

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  @Test
  void sentMessageIsReceivedOnceAndDeleted() {
    // Given a queue with one message
    String url = sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("cycle"))).queueUrl();
    String id = sqs().sendMessage(b -> b.queueUrl(url).messageBody("hello")).messageId();

    // When it is received
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();

    // Then it arrives once, invisible to a second receive, and is gone after delete
    assertEquals(1, got.size());
    assertEquals(id, got.get(0).messageId());
    assertEquals("hello", got.get(0).body());
    assertEquals("1", got.get(0).attributesAsStrings().get("ApproximateReceiveCount"));
    assertTrue(sqs().receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
    sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
    assertNotEquals(null, got.get(0).receiptHandle());
  }
}

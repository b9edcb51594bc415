package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static io.sluice.it.sqs.SqsTesting.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Every bad input to SendMessage and ReceiveMessage answers AWS's error code, and leaves the queue
 * as it was: the one good message sent first is still the only one there.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class MessageValidationTest extends SharedNodeTest {
  private SqsClient sqs;
  private String url;

  @BeforeEach
  void queueWithOneGoodMessage() {
    sqs = sqs();
    url = createQueue(sqs, "validation", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("good"));
  }

  private void assertOnlyTheGoodMessageRemains() {
    assertEquals(List.of("good"), drain(sqs, url).stream().map(Message::body).toList());
  }

  private void send(Consumer<SendMessageRequest.Builder> request) {
    sqs.sendMessage(b -> {
      b.queueUrl(url).messageBody("body");
      request.accept(b);
    });
  }

  private static MessageAttributeValue string(String type, String value) {
    return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
  }

  private static Map<String, MessageAttributeValue> attribute(String name, MessageAttributeValue value) {
    return Map.of(name, value);
  }

  @Test
  void badBodiesAreRejected() {
    assertAwsError("MissingParameter", () -> send(b -> b.messageBody(null)));
    assertAwsError("MissingParameter", () -> send(b -> b.messageBody("")));
    assertThrows(InvalidMessageContentsException.class, () -> send(b -> b.messageBody("bell \u0007")));
    assertThrows(InvalidMessageContentsException.class, () -> send(b -> b.messageBody("\uFFFF")));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageBody("x".repeat(1025))));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void attributesCountTowardsTheMaximumMessageSize() {
    // 1000 bytes of body + name (4) + type (6) + value (21) = 1031 bytes > 1024
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageBody("x".repeat(1000))
        .messageAttributes(attribute("name", string("String", "v".repeat(21))))));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void badAttributesAreRejected() {
    Map<String, MessageAttributeValue> eleven = new HashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("a" + i, string("String", "v"));
    }
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(eleven)));
    for (String name : List.of("AWS.reserved", "Amazon.reserved", ".dot", "dot.", "two..dots", "sp ace")) {
      assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute(name, string("String", "v")))));
    }
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a", string(null, "v")))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a", string("Text", "v")))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a", string("String", "")))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a", string("Number", "ten")))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a", string("Binary", "v")))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageAttributes(attribute("a",
        MessageAttributeValue.builder().dataType("String").binaryValue(SdkBytes.fromUtf8String("v")).build()))));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void onlyAWellFormedTraceHeaderIsAcceptedAsSystemAttribute() {
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageSystemAttributes(Map.of(
        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
        MessageSystemAttributeValue.builder().dataType("String").stringValue("garbage").build()))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageSystemAttributes(Map.of(
        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
        MessageSystemAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("x")).build()))));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.messageSystemAttributesWithStrings(Map.of(
        "SenderId", MessageSystemAttributeValue.builder().dataType("String").stringValue("me").build()))));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void delayOutsideZeroToNineHundredSecondsIsRejected() {
    assertAwsError("InvalidParameterValue", () -> send(b -> b.delaySeconds(901)));
    assertAwsError("InvalidParameterValue", () -> send(b -> b.delaySeconds(-1)));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void badReceiveParametersAreRejected() {
    assertAwsError("InvalidParameterValue", () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)));
    assertAwsError("InvalidParameterValue", () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(0)));
    assertAwsError("InvalidParameterValue", () -> sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(-1)));
    assertAwsError("InvalidParameterValue", () -> sqs.receiveMessage(b -> b.queueUrl(url)
        .receiveRequestAttemptId("x".repeat(129))));
    assertAwsError("InvalidAttributeName", () -> sqs.receiveMessage(b -> b.queueUrl(url)
        .messageSystemAttributeNamesWithStrings("NoSuchAttribute")));
    assertOnlyTheGoodMessageRemains();
  }

  @Test
  void missingQueuesAndHandlesAreReported() {
    String missing = TestSluice.shared(engine).endpoint() + "/000000000000/" + TestSluice.uniqueName("nowhere");

    assertThrows(QueueDoesNotExistException.class, () -> sqs.sendMessage(b -> b.queueUrl(missing).messageBody("m")));
    assertThrows(QueueDoesNotExistException.class, () -> sqs.receiveMessage(b -> b.queueUrl(missing)));
    assertAwsError("MissingParameter", () -> sqs.deleteMessage(b -> b.queueUrl(url)));
    assertAwsError("MissingParameter", () -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("h")));
    assertOnlyTheGoodMessageRemains();
  }
}

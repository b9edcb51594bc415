package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Message attributes of every type travel intact, with digests the SDK verifies on send and on
 * receive (it throws on a mismatch); MessageAttributeNames selects which come back; system
 * attributes report what SQS knows about each message.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class MessageAttributesTest extends SharedNodeTest {
  private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
  private static final byte[] BYTES = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};

  private static Map<String, MessageAttributeValue> everyType() {
    return Map.of(
        "text", MessageAttributeValue.builder().dataType("String").stringValue("grüße 🌊 <xml> & \"quotes\"").build(),
        "count", MessageAttributeValue.builder().dataType("Number").stringValue("-12.5e3").build(),
        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(BYTES)).build(),
        "custom.label", MessageAttributeValue.builder().dataType("String.json").stringValue("{\"a\":1}").build(),
        "price", MessageAttributeValue.builder().dataType("Number.float").stringValue("3.14").build(),
        "image", MessageAttributeValue.builder().dataType("Binary.gif").binaryValue(SdkBytes.fromByteArray(BYTES))
            .build());
  }

  private List<Message> receive(String url, String... names) {
    return sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames(names)).messages();
  }

  @Test
  void attributesOfEveryTypeRoundTripWithVerifiedDigests() {
    // Given a message with String, Number and Binary attributes, plain and with custom labels
    String url = createQueue(sqs(), "attrs");
    SendMessageResponse sent = sqs().sendMessage(b -> b.queueUrl(url).messageBody("body").messageAttributes(everyType()));

    // When it is received asking for all attributes (the SDK checks MD5OfBody and MD5OfMessageAttributes)
    Message m = receive(url, "All").get(0);

    // Then every attribute is as sent, and the digests agree between send and receive
    assertEquals(everyType(), m.messageAttributes());
    assertArrayEquals(BYTES, m.messageAttributes().get("blob").binaryValue().asByteArray());
    assertEquals(sent.md5OfMessageAttributes(), m.md5OfMessageAttributes());
    assertEquals(sent.md5OfMessageBody(), m.md5OfBody());
  }

  @Test
  void asyncClientVerifiesTheSameDigests() throws Exception {
    String url = createQueue(sqs(), "attrsasync");
    sqsAsync().sendMessage(b -> b.queueUrl(url).messageBody("async").messageAttributes(everyType())).get();

    Message m = sqsAsync().receiveMessage(b -> b.queueUrl(url).messageAttributeNames(".*")).get().messages().get(0);

    assertEquals(everyType(), m.messageAttributes());
  }

  @Test
  void messageAttributeNamesSelectWhichAttributesReturn() {
    // Given a message with several attributes
    String url = createQueue(sqs(), "filter");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("m").messageAttributes(everyType()));
    String handle = receive(url, "count").get(0).receiptHandle();
    sqs().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(handle).visibilityTimeout(0));

    // Then exact names, prefixes and All/.* select, and no names select nothing
    assertEquals(Set.of("count"), receiveAgain(url, "count").messageAttributes().keySet());
    assertEquals(Set.of("custom.label"), receiveAgain(url, "custom.*").messageAttributes().keySet());
    assertEquals(Set.of("text", "blob"), receiveAgain(url, "text", "blob", "absent").messageAttributes().keySet());
    assertEquals(everyType().keySet(), receiveAgain(url, ".*").messageAttributes().keySet());
    Message none = receiveAgain(url);
    assertTrue(none.messageAttributes().isEmpty());
    assertNull(none.md5OfMessageAttributes());
  }

  @Test
  void aPrefixWithDotStarSelectsEveryNameStartingWithThePrefix() {
    // Given a message whose attribute names share the prefix "order"
    String url = createQueue(sqs(), "prefix");
    MessageAttributeValue v = MessageAttributeValue.builder().dataType("String").stringValue("v").build();
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("m").messageAttributes(Map.of("order", v, "orderId", v,
        "order.total", v, "customer", v)));

    // Then "order.*" selects the three names starting with "order", and "order.t.*" the one with that prefix
    assertEquals(Set.of("order", "orderId", "order.total"), receiveAgain(url, "order.*").messageAttributes().keySet());
    assertEquals(Set.of("order.total"), receiveAgain(url, "order.t.*").messageAttributes().keySet());
    assertEquals(Set.of("customer", "orderId"), receiveAgain(url, "cust.*", "orderId").messageAttributes().keySet());
  }

  /** Receives the queue's only message with {@code names}, then makes it visible again. */
  private Message receiveAgain(String url, String... names) {
    Message m = receive(url, names).get(0);
    sqs().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    return m;
  }

  @Test
  void systemAttributesDescribeTheMessage() {
    // Given a message sent with a trace header
    String url = createQueue(sqs(), "system");
    long before = System.currentTimeMillis();
    SendMessageResponse sent = sqs().sendMessage(b -> b.queueUrl(url).messageBody("m").messageSystemAttributes(Map.of(
        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
        MessageSystemAttributeValue.builder().dataType("String").stringValue(TRACE).build())));

    // When it is received asking for All
    Message m = sqs().receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages().get(0);

    // Then the digest of the trace header is AWS's, and the attributes describe sender, times, count, trace
    assertEquals("5ae4d5d7636402d80f4eb6d213245a88", sent.md5OfMessageSystemAttributes());
    Map<MessageSystemAttributeName, String> a = m.attributes();
    assertEquals("AKIDSLUICETEST", a.get(MessageSystemAttributeName.SENDER_ID));
    assertEquals("1", a.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    assertEquals(TRACE, a.get(MessageSystemAttributeName.AWS_TRACE_HEADER));
    long sentAt = Long.parseLong(a.get(MessageSystemAttributeName.SENT_TIMESTAMP));
    long firstReceive = Long.parseLong(a.get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
    assertTrue(sentAt >= before - 1000 && firstReceive >= sentAt, sentAt + " / " + firstReceive);
    assertNull(a.get(MessageSystemAttributeName.SEQUENCE_NUMBER), "standard queues have no sequence numbers");
    assertTrue(m.messageAttributes().isEmpty(), "system attributes are not message attributes");
  }

  @Test
  void onlyTheRequestedSystemAttributesReturn() {
    String url = createQueue(sqs(), "someattrs");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("m"));

    Message m = sqs().receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(
        MessageSystemAttributeName.SENT_TIMESTAMP)).messages().get(0);

    assertEquals(Set.of(MessageSystemAttributeName.SENT_TIMESTAMP), m.attributes().keySet());
  }
}

package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.attribute;
import static io.sluice.it.sns.SnsTesting.json;
import static io.sluice.it.sns.SnsTesting.stringAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Publish to topics with queue subscriptions: the JSON envelope SNS wraps a message in ("Amazon SNS
 * message and JSON formats"), raw delivery with message attributes becoming queue message
 * attributes, MessageStructure=json, the 256 KiB limit counting attributes, and Publish's checks of
 * message, subject and attributes.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PublishToQueueTest extends SharedSnsNodeTest {
  private static final int MAX_BYTES = 262_144;
  private static final byte[] BYTES = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aQueueReceivesTheNotificationEnvelope() {
    // Given a topic with a queue subscription
    String topic = topic("envelope");
    String url = queue("envelope-q");
    String sub = subscribe(topic, url);

    // When a message with a subject and attributes is published
    Instant before = Instant.now().minusSeconds(1);
    String id = sns().publish(b -> b.topicArn(topic).message("hello \"world\"\nline two").subject("Greeting")
        .messageAttributes(Map.of("colour", stringAttribute("red"), "count", attribute("Number", "12.5"),
            "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(BYTES))
                .build()))).messageId();
    JsonNode envelope = json(receiveOne(url).body());

    // Then the body is AWS's Notification document, fields in AWS's order
    assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
        "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), fieldNames(envelope));
    assertEquals("Notification", envelope.get("Type").asText());
    assertEquals(id, envelope.get("MessageId").asText());
    assertEquals(topic, envelope.get("TopicArn").asText());
    assertEquals("Greeting", envelope.get("Subject").asText());
    assertEquals("hello \"world\"\nline two", envelope.get("Message").asText());
    String timestamp = envelope.get("Timestamp").asText();
    assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), timestamp);
    Instant at = Instant.parse(timestamp);
    assertTrue(!at.isBefore(before) && at.isBefore(Instant.now().plusSeconds(1)), timestamp);
    assertEquals("1", envelope.get("SignatureVersion").asText());
    assertTrue(Base64.getDecoder().decode(envelope.get("Signature").asText()).length >= 128);
    assertTrue(envelope.get("SigningCertURL").asText().endsWith(".pem"), envelope.get("SigningCertURL").asText());
    String unsubscribe = envelope.get("UnsubscribeURL").asText();
    assertTrue(unsubscribe.contains("Action=Unsubscribe"), unsubscribe);
    assertEquals(sub, URLDecoder.decode(unsubscribe.substring(unsubscribe.indexOf("SubscriptionArn=") + 16),
        StandardCharsets.UTF_8));
    // And each attribute is {"Type", "Value"}, binary values in base64
    JsonNode attributes = envelope.get("MessageAttributes");
    assertEquals("String", attributes.path("colour").path("Type").asText());
    assertEquals("red", attributes.path("colour").path("Value").asText());
    assertEquals("Number", attributes.path("count").path("Type").asText());
    assertEquals("12.5", attributes.path("count").path("Value").asText());
    assertEquals("Binary", attributes.path("blob").path("Type").asText());
    assertArrayEquals(BYTES, Base64.getDecoder().decode(attributes.path("blob").path("Value").asText()));
  }

  @Test
  void anEnvelopeWithoutSubjectOrAttributesLeavesThemOut() {
    // Given a topic with a queue subscription
    String topic = topic("bare");
    String url = subscribedQueue(topic, false);

    // When a plain message is published
    sns().publish(b -> b.topicArn(topic).message("plain"));
    JsonNode envelope = json(receiveOne(url).body());

    // Then the envelope has neither Subject nor MessageAttributes
    assertFalse(envelope.has("Subject"));
    assertFalse(envelope.has("MessageAttributes"));
    assertEquals("plain", envelope.get("Message").asText());
  }

  @Test
  void rawDeliveryGivesTheBareMessageAndAttributesAsQueueAttributes() {
    // Given a topic with a raw-delivery queue subscription
    String topic = topic("raw");
    String url = subscribedQueue(topic, true);

    // When a message with attributes of every type is published
    sns().publish(b -> b.topicArn(topic).message("{\"order\":42}").subject("ignored in raw")
        .messageAttributes(Map.of("text", stringAttribute("grüße"), "amount", attribute("Number", "-3.5"),
            "tags", attribute("String.Array", "[\"a\",1,true,null]"),
            "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(BYTES))
                .build())));
    Message m = receiveOne(url);

    // Then the body is the message itself and the attributes are the queue message's
    assertEquals("{\"order\":42}", m.body());
    var attributes = m.messageAttributes();
    assertEquals("String", attributes.get("text").dataType());
    assertEquals("grüße", attributes.get("text").stringValue());
    assertEquals("Number", attributes.get("amount").dataType());
    assertEquals("-3.5", attributes.get("amount").stringValue());
    assertArrayEquals(BYTES, attributes.get("blob").binaryValue().asByteArray());
    assertEquals("Binary", attributes.get("blob").dataType());
    // A String.Array travels as a string attribute holding the JSON array
    assertTrue(attributes.get("tags").dataType().startsWith("String"), attributes.get("tags").dataType());
    assertEquals("[\"a\",1,true,null]", attributes.get("tags").stringValue());
  }

  @Test
  void everySubscribedQueueGetsItsOwnCopy() {
    // Given a topic with three queue subscriptions, one of them raw
    String topic = topic("fanout");
    String a = subscribedQueue(topic, false);
    String b = subscribedQueue(topic, false);
    String raw = subscribedQueue(topic, true);

    // When one message is published
    String id = sns().publish(r -> r.topicArn(topic).message("to all")).messageId();

    // Then each queue receives it once
    assertEquals(id, json(receiveOne(a).body()).get("MessageId").asText());
    assertEquals(id, json(receiveOne(b).body()).get("MessageId").asText());
    assertEquals("to all", receiveOne(raw).body());
    assertTrue(remaining(a).isEmpty());
  }

  @Test
  void aJsonStructuredMessageGivesQueuesTheirSqsEntryOrTheDefault() {
    // Given a topic with a queue subscription
    String topic = topic("structure");
    String url = subscribedQueue(topic, false);

    // When one message has an "sqs" entry and another only a default
    sns().publish(b -> b.topicArn(topic).messageStructure("json")
        .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\",\"email\":\"for mail\"}"));
    sns().publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":\"only default\"}"));
    List<Message> got = receive(url, 2);

    // Then the queue gets its own entry of the first and the default of the second
    List<String> messages = got.stream().map(m -> json(m.body()).get("Message").asText()).sorted().toList();
    assertEquals(List.of("for queues", "only default"), messages);
  }

  @Test
  void aJsonStructuredMessageIsSentWithoutItsAttributes() {
    // Given a topic with an envelope and a raw queue subscription
    String topic = topic("structure-attrs");
    String envelope = subscribedQueue(topic, false);
    String raw = subscribedQueue(topic, true);

    // When a structured message with an attribute is published
    sns().publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":\"d\"}")
        .messageAttributes(Map.of("colour", stringAttribute("red"))));

    // Then neither carries the attribute: SNS sends attributes only with String messages
    assertFalse(json(receiveOne(envelope).body()).has("MessageAttributes"));
    assertTrue(receiveOne(raw).messageAttributes().isEmpty());
  }

  @Test
  void moreThanTenAttributesArePublishedAndCarriedInTheEnvelope() {
    // Given a topic with an envelope queue subscription
    String topic = topic("eleven-attrs");
    String url = subscribedQueue(topic, false);

    // When a message with eleven attributes is published
    sns().publish(b -> b.topicArn(topic).message("many").messageAttributes(SnsTesting.stringAttributes(11)));

    // Then it is accepted and the envelope holds all eleven
    assertEquals(11, json(receiveOne(url).body()).get("MessageAttributes").size());
  }

  @Test
  void aJsonStructuredMessageMustBeAnObjectWithADefault() {
    // Given a topic
    String topic = topic("structure-bad");

    // When messages that are not JSON, not an object, without default, or of an unknown structure are published
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).messageStructure("json")
        .message("{not json")));
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).messageStructure("json")
        .message("[\"default\"]")));
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).messageStructure("json")
        .message("{\"sqs\":\"no default\"}")));
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).messageStructure("xml")
        .message("{\"default\":\"x\"}")));
  }

  @Test
  void aMessageOfExactly256KibWithAttributesIsDelivered() {
    // Given a raw-delivery queue subscription and an attribute "a" of type String with value "v"
    // (name, type and value count: 1 + 6 + 1 bytes)
    String topic = topic("limit");
    String url = subscribedQueue(topic, true);
    String body = "x".repeat(MAX_BYTES - 8);

    // When a message that fills the limit exactly is published
    sns().publish(b -> b.topicArn(topic).message(body).messageAttributes(Map.of("a", stringAttribute("v"))));

    // Then it is accepted and delivered whole
    Message m = receiveOne(url);
    assertEquals(body.length(), m.body().length());
    assertEquals("v", m.messageAttributes().get("a").stringValue());
  }

  @Test
  void oneByteOverTheLimitIsRejected() {
    // Given a topic
    String topic = topic("over");

    // When a message one byte over 256 KiB (attributes counted) is published, or a body alone over it
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("x".repeat(MAX_BYTES - 7))
        .messageAttributes(Map.of("a", stringAttribute("v")))));
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("é".repeat(MAX_BYTES / 2)
        + "x")));
    // And a body of exactly 256 KiB on its own is accepted
    sns().publish(b -> b.topicArn(topic).message("x".repeat(MAX_BYTES)));
  }

  @Test
  void anEmptyMessageIsRejected() {
    // Given a topic
    String topic = topic("empty");

    // When an empty message is published
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("")));
  }

  @Test
  void subjectsAreShortSingleLineText() {
    // Given a topic with a queue subscription
    String topic = topic("subject");
    String url = subscribedQueue(topic, false);

    // When subjects that are empty, 100 characters long, or hold a line break or control character are used
    // Then InvalidParameter
    for (String subject : List.of("", "s".repeat(100), "two\nlines", "tab\there", "bell\u0007")) {
      assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).message("m").subject(subject)));
    }
    // And a subject of 99 characters with punctuation is delivered
    String ok = "Ready: " + "s".repeat(92);
    sns().publish(b -> b.topicArn(topic).message("m").subject(ok));
    assertEquals(ok, json(receiveOne(url).body()).get("Subject").asText());
  }

  @Test
  void invalidMessageAttributesAreParameterValueInvalid() {
    // Given a topic
    String topic = topic("bad-attrs");

    // When attributes break the rules: a number that is none, an empty value, an unknown type,
    // a reserved or malformed name, a String.Array that is no array, a binary without bytes
    Map<String, MessageAttributeValue> cases = new HashMap<>();
    cases.put("n", attribute("Number", "twelve"));
    cases.put("e", attribute("String", ""));
    cases.put("t", attribute("Text", "x"));
    cases.put("AWS.reserved", stringAttribute("x"));
    cases.put("bad name!", stringAttribute("x"));
    cases.put(".dot", stringAttribute("x"));
    cases.put("arr", attribute("String.Array", "{\"not\":\"array\"}"));
    cases.put("huge", attribute("Number", "1e200"));
    cases.put("bin", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[0]))
        .build());

    // Then each is ParameterValueInvalid
    cases.forEach((name, value) -> assertSnsError("ParameterValueInvalid",
        () -> sns().publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of(name, value)))));
  }

  @Test
  void publishNeedsExactlyOneTarget() {
    // Given a topic
    String topic = topic("target");

    // When no target is given, or a topic both as TopicArn and TargetArn
    // Then InvalidParameter; a TargetArn alone naming the topic publishes
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.message("nowhere")));
    assertSnsError("InvalidParameter", () -> sns().publish(b -> b.topicArn(topic).targetArn(topic).message("m")));
    assertTrue(!sns().publish(b -> b.targetArn(topic).message("m")).messageId().isEmpty());
  }

  @Test
  void aStandardTopicPassesAMessageGroupIdToStandardQueues() {
    // Given a standard topic with a raw queue subscription
    String topic = topic("fair");
    String url = subscribedQueue(topic, true);

    // When a message is published with a message group id (fair queues)
    sns().publish(b -> b.topicArn(topic).message("tenant message").messageGroupId("tenant-1"));

    // Then the queue message carries the group
    Message m = receiveOne(url);
    assertEquals("tenant-1", m.attributes().get(
        software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID));
  }

  @Test
  void aSubscriptionAddedLaterGetsOnlyLaterMessages() {
    // Given a message published before the queue subscribed
    String topic = topic("later");
    sns().publish(b -> b.topicArn(topic).message("before"));
    String url = subscribedQueue(topic, true);

    // When another is published
    sns().publish(b -> b.topicArn(topic).message("after"));

    // Then only that one arrives
    assertEquals("after", receiveOne(url).body());
    assertTrue(remaining(url).isEmpty());
  }

  @Test
  void deliveryIsPrompt() {
    // Given a raw queue subscription
    String topic = topic("prompt");
    String url = subscribedQueue(topic, true);

    // When a message is published and the queue long-polled
    long start = System.nanoTime();
    sns().publish(b -> b.topicArn(topic).message("now"));
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages();

    // Then it arrives well within the poll
    assertEquals(1, got.size());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
  }
}

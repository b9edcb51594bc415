package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.sns.Publisher;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.testing.Await;
import io.sluice.testing.MemorySns;
import io.sluice.testing.RecordingDeliveries.Attempted;
import io.sluice.testing.SnsSignatures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Publish to a standard topic on the in-memory store with a real dispatcher and recorded deliveries:
 * what a message may be (size to the byte, attributes included; subject; MessageStructure=json;
 * attribute rules), what each subscription is sent (raw or an envelope, stamped with the manual
 * clock and signed), and which subscriptions the filter policies let a message reach.
 */
class PublishTest {
  private static final String QUEUE = MemorySns.queueArn("q");
  private static final String RAW_QUEUE = MemorySns.queueArn("raw");
  private static final String HOOK = "https://example.com/hook";

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private static Publish.Request message(String topicArn, String message, String subject, String structure,
                                         Map<String, MessageAttribute> attributes) {
    return new Publish.Request(topicArn, null, null, message, subject, structure, attributes, null, null);
  }

  private String publish(String message, String subject, String structure, Map<String, MessageAttribute> attributes) {
    return sns.call(Publish::new, message(topic, message, subject, structure, attributes)).messageId();
  }

  private String error(String message, String subject, String structure, Map<String, MessageAttribute> attributes) {
    return sns.errorCode(Publish::new, message(topic, message, subject, structure, attributes));
  }

  private static MessageAttribute string(String value) {
    return new MessageAttribute("String", value, null);
  }

  private static MessageAttribute number(String value) {
    return new MessageAttribute("Number", value, null);
  }

  private String attributeError(String name, MessageAttribute attribute) {
    Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
    attributes.put(name, attribute);
    return error("m", null, null, attributes);
  }

  @Test
  void anEmptyOrMissingMessageIsInvalidParameterAndNothingIsDelivered() {
    // Given a queue subscription
    sns.subscribe(topic, "sqs", QUEUE, null);

    // When a message that is empty, or none, is published
    // Then InvalidParameter, and the queue is sent nothing
    assertEquals("InvalidParameter", error("", null, null, null));
    assertEquals("InvalidParameter", error(null, null, null, null));
    assertEquals(List.of(), sns.deliveries().attempts());
  }

  @Test
  void aPublishNamesExactlyOneTarget() {
    // No target, or a topic and a phone number: InvalidParameter
    assertEquals("InvalidParameter", sns.errorCode(Publish::new,
        new Publish.Request(null, null, null, "m", null, null, null, null, null)));
    assertEquals("InvalidParameter", sns.errorCode(Publish::new,
        new Publish.Request(topic, null, "+15555550100", "m", null, null, null, null, null)));
    // A topic given as TargetArn is published to like a TopicArn
    sns.subscribe(topic, "sqs", QUEUE, null);
    String id = sns.call(Publish::new, new Publish.Request(null, topic, null, "m", null, null, null, null, null))
        .messageId();
    assertEquals(id, sns.deliveries().attempts(QUEUE).get(0).messageId());
  }

  @Test
  void aTopicThatDoesNotExistIsNotFound() {
    assertEquals("NotFound", sns.errorCode(Publish::new,
        message(MemorySns.topicArn("missing"), "m", null, null, null)));
  }

  @Test
  void theSizeLimitIs256KiBCountingUtf8BytesAndAttributes() {
    // Given a raw queue subscription
    sns.subscribe(topic, "sqs", RAW_QUEUE, Map.of("RawMessageDelivery", "true"));
    int limit = Publisher.MAX_MESSAGE_BYTES;

    // Then a message of exactly 262,144 bytes is published, one byte more is not
    publish("a".repeat(limit), null, null, null);
    assertEquals("InvalidParameter", error("a".repeat(limit + 1), null, null, null));

    // And a two-byte character counts two
    assertEquals("InvalidParameter", error("é" + "a".repeat(limit - 1), null, null, null));

    // And an attribute counts its name, type and value: "kind" + "String" + "retail" = 16 bytes
    Map<String, MessageAttribute> attributes = Map.of("kind", string("retail"));
    publish("a".repeat(limit - 16), null, null, attributes);
    assertEquals("InvalidParameter", error("a".repeat(limit - 15), null, null, attributes));
    assertEquals(2, sns.deliveries().delivered(RAW_QUEUE).size());
  }

  @Test
  void aSubjectIsUpTo99PrintableCharactersAndReachesOnlyEnvelopes() {
    // Given an envelope and a raw queue subscription
    sns.subscribe(topic, "sqs", QUEUE, null);
    sns.subscribe(topic, "sqs", RAW_QUEUE, Map.of("RawMessageDelivery", "true"));

    // Then an empty subject, one of 100 characters and one with a line break are InvalidParameter
    assertEquals("InvalidParameter", error("m", "", null, null));
    assertEquals("InvalidParameter", error("m", "s".repeat(100), null, null));
    assertEquals("InvalidParameter", error("m", "two\nlines", null, null));

    // When a message with a subject of 99 characters is published
    publish("m", "s".repeat(99), null, null);

    // Then the envelope carries the subject and the raw message is the bare message
    assertEquals("s".repeat(99), sns.deliveries().attempts(QUEUE).get(0).json().get("Subject").asText());
    assertEquals(List.of("m"), sns.deliveries().delivered(RAW_QUEUE));
  }

  @Test
  void messageStructureJsonNeedsAnObjectWithAStringDefault() {
    assertEquals("InvalidParameter", error("{\"default\":\"d\"}", null, "xml", null));
    assertEquals("InvalidParameter", error("not json", null, "json", null));
    assertEquals("InvalidParameter", error("[\"default\"]", null, "json", null));
    assertEquals("InvalidParameter", error("{\"sqs\":\"only for queues\"}", null, "json", null));
    assertEquals("InvalidParameter", error("{\"default\":{\"nested\":\"object\"}}", null, "json", null));
  }

  @Test
  void aStructuredMessageSendsEachProtocolItsEntryAndNoAttributes() {
    // Given a raw queue, an envelope queue and an https subscription
    sns.subscribe(topic, "sqs", RAW_QUEUE, Map.of("RawMessageDelivery", "true"));
    sns.subscribe(topic, "sqs", QUEUE, null);
    sns.subscribeConfirmed(topic, "https", HOOK, null);

    // When a structured message with an sqs entry and an attribute is published
    publish("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}", null, "json", Map.of("kind", string("retail")));

    // Then the queues get their entry, the endpoint the default, and nobody the attribute
    assertEquals(List.of("for queues"), sns.deliveries().delivered(RAW_QUEUE));
    JsonNode queued = sns.deliveries().attempts(QUEUE).get(0).json();
    assertEquals("for queues", queued.get("Message").asText());
    assertFalse(queued.has("MessageAttributes"));
    assertEquals("for everyone", sns.deliveries().attempts(HOOK).get(0).json().get("Message").asText());
  }

  @Test
  void attributesFollowAwsRulesAndBreakingOneIsParameterValueInvalid() {
    // Names: no AWS. or Amazon. prefix (SNS's own AWS.SNS.SMS. ones excepted), no leading, trailing or double periods
    assertEquals("ParameterValueInvalid", attributeError("AWS.mine", string("v")));
    assertEquals("ParameterValueInvalid", attributeError("amazon.mine", string("v")));
    assertEquals("ParameterValueInvalid", attributeError(".lead", string("v")));
    assertEquals("ParameterValueInvalid", attributeError("trail.", string("v")));
    assertEquals("ParameterValueInvalid", attributeError("dou..ble", string("v")));
    assertEquals("ParameterValueInvalid", attributeError("n".repeat(257), string("v")));
    assertEquals("ParameterValueInvalid", attributeError("spa ce", string("v")));
    // Types and values
    assertEquals("ParameterValueInvalid", attributeError("t", new MessageAttribute("Text", "v", null)));
    assertEquals("ParameterValueInvalid", attributeError("t", new MessageAttribute("", "v", null)));
    assertEquals("ParameterValueInvalid", attributeError("t", string("")));
    assertEquals("ParameterValueInvalid", attributeError("b", new MessageAttribute("Binary", null, new byte[0])));
    // Numbers: within ±10^126, at most 38 significant digits
    assertEquals("ParameterValueInvalid", attributeError("n", number("NaN")));
    assertEquals("ParameterValueInvalid", attributeError("n", number("1E127")));
    assertEquals("ParameterValueInvalid", attributeError("n", number("1" + "0".repeat(37) + "1")));
    // String.Array: a JSON array of strings, numbers, booleans and nulls
    assertEquals("ParameterValueInvalid", attributeError("a", new MessageAttribute("String.Array", "red", null)));
    assertEquals("ParameterValueInvalid", attributeError("a",
        new MessageAttribute("String.Array", "[[\"nested\"]]", null)));

    // And these are all fine, custom type suffixes included
    Map<String, MessageAttribute> fine = new LinkedHashMap<>();
    fine.put("AWS.SNS.SMS.SenderID", string("Sluice"));
    fine.put("n-1_2.3", number("-1E126"));
    fine.put("digits", number("1" + "0".repeat(36) + "1"));
    fine.put("list", new MessageAttribute("String.Array", "[\"a\", 1, true, null]", null));
    fine.put("custom", new MessageAttribute("String.custom", "v", null));
    fine.put("bytes", new MessageAttribute("Binary", null, new byte[] {1}));
    publish("m", null, null, fine);
  }

  @Test
  void theEnvelopeIsStampedWithTheClockAndSignedWithTheTopicsSignatureVersion() throws Exception {
    // Given an https subscription of a topic signing with SignatureVersion 2
    sns.call(SetTopicAttributes::new, new SetTopicAttributes.Request(topic, "SignatureVersion", "2"));
    String subscription = sns.subscribeConfirmed(topic, "https", HOOK, null);

    // When a message with an attribute is published after the clock moved on
    sns.clock().advanceMillis(1234);
    String id = publish("hello", "Greeting", null, Map.of("kind", string("retail")));

    // Then the endpoint got one envelope with the publish time to the millisecond, signed with SHA256
    List<Attempted> attempts = sns.deliveries().attempts(HOOK);
    assertEquals(1, attempts.size());
    JsonNode envelope = attempts.get(0).json();
    assertEquals("Notification", envelope.get("Type").asText());
    assertEquals(id, envelope.get("MessageId").asText());
    assertEquals(topic, envelope.get("TopicArn").asText());
    assertEquals("hello", envelope.get("Message").asText());
    assertEquals(Instant.ofEpochMilli(sns.clock().millis()).toString(), envelope.get("Timestamp").asText());
    assertEquals("2", envelope.get("SignatureVersion").asText());
    assertTrue(SnsSignatures.verify(envelope, MemorySns.signingKeys().certificate()));
    assertEquals("http://localhost/_sluice/sns/SimpleNotificationService.pem",
        envelope.get("SigningCertURL").asText());
    assertTrue(envelope.get("UnsubscribeURL").asText().endsWith(
        URLEncoder.encode(subscription, StandardCharsets.UTF_8)));
    assertEquals("retail", envelope.at("/MessageAttributes/kind/Value").asText());
    assertEquals("String", envelope.at("/MessageAttributes/kind/Type").asText());
  }

  @Test
  void pendingSubscriptionsAreSentNothing() {
    // Given a pending https subscription and a confirmed queue
    sns.subscribe(topic, "https", HOOK, null);
    sns.subscribe(topic, "sqs", QUEUE, null);

    // When a message is published
    publish("m", null, null, null);

    // Then only the queue was sent it, and once it is delivered nothing is left to do
    assertEquals(Set.of(QUEUE), sns.deliveries().attempts().stream().map(Attempted::endpoint)
        .collect(Collectors.toSet()));
    sns.clock().advanceSeconds(3600);
    assertEquals(1, sns.deliveries().attempts().size());
    long later = sns.clock().millis();
    assertEquals(List.of(), Await.await(sns.memory().deliveries().claim(later, 10, "test", later + 1)));
  }

  @Test
  void filterPoliciesDecideWhichSubscriptionsGetTheMessage() {
    // Given subscriptions filtering on an attribute, on a number range, on the body, and none
    String retail = MemorySns.queueArn("retail");
    String expensive = MemorySns.queueArn("expensive");
    String body = MemorySns.queueArn("body");
    String everything = MemorySns.queueArn("everything");
    sns.subscribe(topic, "sqs", retail, Map.of("FilterPolicy", "{\"kind\":[\"retail\"]}"));
    sns.subscribe(topic, "sqs", expensive, Map.of("FilterPolicy", "{\"price\":[{\"numeric\":[\">\",100]}]}"));
    sns.subscribe(topic, "sqs", body, Map.of("FilterPolicy", "{\"order\":{\"kind\":[\"retail\"]}}",
        "FilterPolicyScope", "MessageBody"));
    sns.subscribe(topic, "sqs", everything, null);

    // When messages with different attributes and bodies are published
    String cheapRetail = publish("{\"order\":{\"kind\":\"retail\"}}", null, null,
        Map.of("kind", string("retail"), "price", number("100")));
    String dearWholesale = publish("{\"order\":{\"kind\":\"wholesale\"}}", null, null,
        Map.of("kind", string("wholesale"), "price", number("100.5")));
    String plain = publish("not json", null, null, null);

    // Then each subscription got exactly the messages its policy accepts
    assertEquals(List.of(cheapRetail), messageIds(retail));
    assertEquals(List.of(dearWholesale), messageIds(expensive));
    assertEquals(List.of(cheapRetail), messageIds(body));
    assertEquals(List.of(cheapRetail, dearWholesale, plain), messageIds(everything));
  }

  @Test
  void aChangedFilterPolicyAppliesToTheNextPublish() {
    // Given a subscription filtering on retail
    String arn = sns.subscribe(topic, "sqs", QUEUE, Map.of("FilterPolicy", "{\"kind\":[\"retail\"]}"));
    publish("first", null, null, Map.of("kind", string("wholesale")));

    // When its policy is changed to wholesale, with no time passing
    sns.call(SetSubscriptionAttributes::new, new SetSubscriptionAttributes.Request(arn, "FilterPolicy",
        "{\"kind\":[\"wholesale\"]}"));
    String second = publish("second", null, null, Map.of("kind", string("wholesale")));

    // Then the next message is filtered by the new policy
    assertEquals(List.of(second), messageIds(QUEUE));
  }

  @Test
  void aMessageNoSubscriptionAcceptsLeavesNothingToDeliver() {
    // Given only a filtering subscription
    sns.subscribe(topic, "sqs", QUEUE, Map.of("FilterPolicy", "{\"kind\":[\"retail\"]}"));

    // When a message it does not accept is published
    publish("m", null, null, Map.of("kind", string("wholesale")));

    // Then no delivery was made or stored
    assertEquals(List.of(), sns.deliveries().attempts());
    long now = sns.clock().millis();
    assertEquals(List.of(), Await.await(sns.memory().deliveries().claim(now + 3_600_000, 10, "test", now)));
  }

  @Test
  void rawDeliveryIsTheBareMessageAndAnEnvelopeOtherwise() {
    // Given a raw and an envelope queue subscription
    sns.subscribe(topic, "sqs", RAW_QUEUE, Map.of("RawMessageDelivery", "true"));
    sns.subscribe(topic, "sqs", QUEUE, null);

    // When a message is published
    String id = publish("{\"a\":1}", null, null, null);

    // Then the raw one got the text as published and the other an envelope around it
    assertEquals(List.of("{\"a\":1}"), sns.deliveries().delivered(RAW_QUEUE));
    JsonNode envelope = sns.deliveries().attempts(QUEUE).get(0).json();
    assertEquals(id, envelope.get("MessageId").asText());
    assertEquals("{\"a\":1}", envelope.get("Message").asText());
    assertNull(envelope.get("SequenceNumber"));
  }

  private List<String> messageIds(String endpoint) {
    return sns.deliveries().attempts(endpoint).stream().map(Attempted::messageId).toList();
  }
}

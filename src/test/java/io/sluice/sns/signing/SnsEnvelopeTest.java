package io.sluice.sns.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sns.signing.SnsEnvelope.Attribute;
import io.sluice.sns.signing.SnsEnvelope.Fields;
import io.sluice.sns.signing.SnsEnvelope.Type;
import io.sluice.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The envelope's text: the string to sign for each message type, and the JSON fields, order and
 * layout AWS sends (SNS Developer Guide, "Parsing message formats").
 */
class SnsEnvelopeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "arn:aws:sns:us-west-2:123456789012:MyTopic";
  private static final Instant AT = Instant.parse("2012-05-02T00:54:06.655Z");
  private static final String CERT_URL = "http://localhost:4566/SimpleNotificationService-sluice.pem";
  private static final String UNSUBSCRIBE_URL =
      "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":c9135db0";
  private static final String SUBSCRIBE_URL =
      "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336412f37";

  private static SnsEnvelope envelope;

  @BeforeAll
  static void generateKeys() {
    envelope = new SnsEnvelope(SigningKeys.generate(new ManualClock()));
  }

  @Test
  void notificationSignsMessageIdSubjectTimestampTopicAndTypeInByteOrder() {
    // Given a notification with a subject
    Fields fields = Fields.notification("22b80b92", TOPIC, "My First Message", "Hello world!", AT,
        UNSUBSCRIBE_URL, Map.of("k", Attribute.string("String", "v")));

    // When the string to sign is built
    String text = SnsEnvelope.stringToSign(fields);

    // Then it holds exactly those six fields, sorted, each as Name\nValue\n
    assertEquals("""
        Message
        Hello world!
        MessageId
        22b80b92
        Subject
        My First Message
        Timestamp
        2012-05-02T00:54:06.655Z
        TopicArn
        arn:aws:sns:us-west-2:123456789012:MyTopic
        Type
        Notification
        """, text);
  }

  @Test
  void notificationWithoutSubjectLeavesSubjectOutOfTheStringToSign() {
    // Given a notification published without a subject
    Fields fields = Fields.notification("22b80b92", TOPIC, null, "Hello world!", AT, UNSUBSCRIBE_URL, Map.of());

    // When the string to sign is built
    String text = SnsEnvelope.stringToSign(fields);

    // Then Subject is absent, not empty
    assertEquals("Message\nHello world!\nMessageId\n22b80b92\nTimestamp\n2012-05-02T00:54:06.655Z\n"
        + "TopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\nType\nNotification\n", text);
  }

  @ParameterizedTest
  @EnumSource(value = Type.class, names = {"SubscriptionConfirmation", "UnsubscribeConfirmation"})
  void confirmationsSignSubscribeUrlAndToken(Type type) {
    // Given a subscription or unsubscribe confirmation
    Fields fields = new Fields(type, "165545c9", "2336412f37", TOPIC, null,
        "You have chosen to subscribe.\nVisit the SubscribeURL.", SUBSCRIBE_URL, AT, null, null, null);

    // When the string to sign is built
    String text = SnsEnvelope.stringToSign(fields);

    // Then SubscribeURL and Token join the common fields, in byte order
    assertEquals("""
        Message
        You have chosen to subscribe.
        Visit the SubscribeURL.
        MessageId
        165545c9
        SubscribeURL
        http://localhost:4566/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic\
        &Token=2336412f37
        Timestamp
        2012-05-02T00:54:06.655Z
        Token
        2336412f37
        TopicArn
        arn:aws:sns:us-west-2:123456789012:MyTopic
        Type
        %s
        """.formatted(type.name()), text);
  }

  @Test
  void fifoSequenceNumberIsNotSigned() {
    // Given the same notification from a standard and from a FIFO topic
    Fields standard = Fields.notification("22b80b92", TOPIC, "s", "m", AT, UNSUBSCRIBE_URL, Map.of());

    // When both strings to sign are built
    // Then they are equal: SequenceNumber is not among the signed fields
    assertEquals(SnsEnvelope.stringToSign(standard),
        SnsEnvelope.stringToSign(standard.withSequenceNumber("10000000000000003000")));
  }

  @Test
  void notificationJsonHasAwsFieldsOrderAndLayout() throws Exception {
    // Given a notification with a subject and String, Number and Binary attributes
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    attributes.put("store", Attribute.string("String", "example_corp"));
    attributes.put("price", Attribute.string("Number", "210.75"));
    attributes.put("thumb", Attribute.binary("Binary", new byte[] {1, 2, 3}));
    Fields fields = Fields.notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", TOPIC, "My First Message",
        "Hello world!\n{\"a\":\"b/c\"}", AT, UNSUBSCRIBE_URL, attributes);

    // When the envelope is written with SignatureVersion 1
    String json = envelope.toJson(fields, SignatureVersion.V1, CERT_URL);

    // Then it is AWS's document, byte for byte but for the signature
    assertSignedJson("""
        {
          "Type" : "Notification",
          "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
          "Subject" : "My First Message",
          "Message" : "Hello world!\\n{\\"a\\":\\"b/c\\"}",
          "Timestamp" : "2012-05-02T00:54:06.655Z",
          "SignatureVersion" : "1",
          "Signature" : "%s",
          "SigningCertURL" : "http://localhost:4566/SimpleNotificationService-sluice.pem",
          "UnsubscribeURL" : "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=\
        arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0",
          "MessageAttributes" : {
            "store" : {"Type":"String","Value":"example_corp"},
            "price" : {"Type":"Number","Value":"210.75"},
            "thumb" : {"Type":"Binary","Value":"AQID"}
          }
        }""", json);
  }

  @Test
  void notificationWithoutSubjectOrAttributesOmitsThoseMembers() throws Exception {
    // Given a notification with neither subject nor attributes
    Fields fields = Fields.notification("id-1", TOPIC, null, "m", AT, UNSUBSCRIBE_URL, null);

    // When the envelope is written
    JsonNode json = JSON.readTree(envelope.toJson(fields, SignatureVersion.V2, CERT_URL));

    // Then neither member appears
    assertEquals(List.of("Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion",
        "Signature", "SigningCertURL", "UnsubscribeURL"), fieldNames(json));
  }

  @Test
  void subscriptionConfirmationJsonHasAwsFieldsAndOrder() throws Exception {
    // Given a subscription confirmation
    Fields fields = Fields.subscriptionConfirmation("165545c9-2a5c-472c-8df2-7ff2be2b3b1b", "2336412f37", TOPIC,
        "You have chosen to subscribe to the topic.", SUBSCRIBE_URL, AT);

    // When the envelope is written with SignatureVersion 2
    String json = envelope.toJson(fields, SignatureVersion.V2, CERT_URL);

    // Then it has Token before TopicArn, SubscribeURL before Timestamp, and no UnsubscribeURL
    assertSignedJson("""
        {
          "Type" : "SubscriptionConfirmation",
          "MessageId" : "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
          "Token" : "2336412f37",
          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
          "Message" : "You have chosen to subscribe to the topic.",
          "SubscribeURL" : "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=\
        arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37",
          "Timestamp" : "2012-05-02T00:54:06.655Z",
          "SignatureVersion" : "2",
          "Signature" : "%s",
          "SigningCertURL" : "http://localhost:4566/SimpleNotificationService-sluice.pem"
        }""", json);
  }

  @Test
  void unsubscribeConfirmationJsonHasTheConfirmationFields() throws Exception {
    // Given an unsubscribe confirmation
    Fields fields = Fields.unsubscribeConfirmation("47138184", "2336412f37", TOPIC, "Unsubscribed.",
        SUBSCRIBE_URL, AT);

    // When the envelope is written
    JsonNode json = JSON.readTree(envelope.toJson(fields, SignatureVersion.V1, CERT_URL));

    // Then it carries the same members as a subscription confirmation, with its own Type
    assertEquals("UnsubscribeConfirmation", json.get("Type").asText());
    assertEquals(List.of("Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL",
        "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"), fieldNames(json));
  }

  @Test
  void fifoNotificationCarriesSequenceNumberAndNoSignature() {
    // Given a FIFO topic's notification
    Fields fields = Fields.notification("a811567b", TOPIC + ".fifo", "s", "group-1 - Message 1", AT,
        UNSUBSCRIBE_URL, Map.of("k", Attribute.string("String", "v"))).withSequenceNumber("10000000000000003000");

    // When the envelope is written (FIFO envelopes are unsigned, so no version or URL is needed)
    String json = envelope.toJson(fields, null, null);

    // Then SequenceNumber follows MessageId and the signature members are absent, as AWS sends it
    assertEquals("""
        {
          "Type" : "Notification",
          "MessageId" : "a811567b",
          "SequenceNumber" : "10000000000000003000",
          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic.fifo",
          "Subject" : "s",
          "Message" : "group-1 - Message 1",
          "Timestamp" : "2012-05-02T00:54:06.655Z",
          "UnsubscribeURL" : "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=\
        arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0",
          "MessageAttributes" : {
            "k" : {"Type":"String","Value":"v"}
          }
        }""", json);
  }

  @Test
  void timestampHasMillisecondsAndZEvenOnAWholeSecond() {
    // Given instants on a whole second and with sub-millisecond digits
    // When they are formatted
    // Then both show exactly three fraction digits and Z
    assertEquals("2024-01-02T03:04:05.000Z", SnsEnvelope.timestamp(Instant.parse("2024-01-02T03:04:05Z")));
    assertEquals("2024-01-02T03:04:05.123Z", SnsEnvelope.timestamp(Instant.parse("2024-01-02T03:04:05.123987Z")));
  }

  @Test
  void confirmationWithoutTokenIsRejected() {
    // Given / When a subscription confirmation is built without its token
    // Then it is refused before anything is signed
    assertThrows(NullPointerException.class,
        () -> Fields.subscriptionConfirmation("id", null, TOPIC, "m", SUBSCRIBE_URL, AT));
  }

  @Test
  void notificationCarryingATokenIsRejected() {
    // Given / When a notification is built with a confirmation-only field
    // Then it is refused rather than silently dropped
    assertThrows(IllegalArgumentException.class, () -> new Fields(Type.Notification, "id", "token", TOPIC, null,
        "m", null, AT, UNSUBSCRIBE_URL, Map.of(), null));
  }

  /** Asserts the exact JSON text, with the envelope's own signature put in place of {@code %s}. */
  private static void assertSignedJson(String expected, String json) throws Exception {
    assertEquals(expected.formatted(JSON.readTree(json).get("Signature").asText()), json);
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

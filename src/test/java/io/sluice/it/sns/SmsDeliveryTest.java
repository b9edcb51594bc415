package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through the AWS SDK v2, on each engine: Publish with a PhoneNumber and topics with sms
 * subscriptions, sent to the SMS webhook or kept in the outbox.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SmsDeliveryTest {
  @Parameter
  Engine engine;

  @Test
  void aTextGoesToTheWebhookWithTheAccountsDefaults() {
    try (PushWebhook gateway = new PushWebhook();
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_SMS_WEBHOOK", gateway.url("/sms")))) {
      // Given an account with a default sender id and type
      SnsClient sns = node.sns();
      sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSenderID", "Sluice", "DefaultSMSType", "Transactional")));
      String number = MobileTesting.uniquePhoneNumber();

      // When a text is published to a number written with separators, and one overriding the sender
      String first = sns.publish(b -> b.phoneNumber(number.substring(0, 5) + " " + number.substring(5))
          .message("your code is 1234")).messageId();
      String second = sns.publish(b -> b.phoneNumber(number).message("promo").messageAttributes(Map.of(
          "AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue("Shop").build(),
          "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Promotional").build())))
          .messageId();

      // Then the gateway gets both, with the number in E.164 and the right sender and type
      JsonNode a = gateway.await(body -> body.path("messageId").asText().equals(first));
      assertEquals(number, a.path("phoneNumber").asText());
      assertEquals("your code is 1234", a.path("message").asText());
      assertEquals("Sluice", a.path("senderId").asText());
      assertEquals("Transactional", a.path("smsType").asText());
      JsonNode b = gateway.await(body -> body.path("messageId").asText().equals(second));
      assertEquals("Shop", b.path("senderId").asText());
      assertEquals("Promotional", b.path("smsType").asText());
    }
  }

  @Test
  void aTopicTextsItsSmsSubscriptionsTheSmsEntry() {
    try (PushWebhook gateway = new PushWebhook();
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_SMS_WEBHOOK", gateway.url("/sms")))) {
      // Given a topic with a phone number subscribed
      SnsClient sns = node.sns();
      String number = MobileTesting.uniquePhoneNumber();
      String topic = sns.createTopic(b -> b.name(TestSluice.uniqueName("texts"))).topicArn();
      sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint(number));

      // When a structured message is published
      String id = sns.publish(b -> b.topicArn(topic).messageStructure("json")
          .message("{\"default\":\"long text for everyone\",\"sms\":\"short\"}")).messageId();

      // Then the number gets the sms entry, as a Promotional text
      JsonNode text = gateway.await(body -> body.path("messageId").asText().equals(id));
      assertEquals(number, text.path("phoneNumber").asText());
      assertEquals("short", text.path("message").asText());
      assertEquals("Promotional", text.path("smsType").asText());
    }
  }

  @Test
  void withoutAWebhookTextsAreKeptInTheOutbox() {
    // Given a number
    TestSluice node = TestSluice.shared(engine);
    String number = MobileTesting.uniquePhoneNumber();

    // When a text is published to it
    String id = node.sns().publish(b -> b.phoneNumber(number).message("kept")).messageId();

    // Then the outbox has it
    List<JsonNode> kept = MobileTesting.outbox(node, "sms", number);
    assertEquals(1, kept.size());
    assertEquals(id, kept.get(0).path("messageId").asText());
    assertEquals("kept", kept.get(0).path("body").asText());
    assertEquals("Promotional", kept.get(0).path("details").path("smsType").asText());
  }

  @Test
  void invalidTextsAreRejected() {
    SnsClient sns = TestSluice.shared(engine).sns();
    assertEquals("InvalidParameter", codeOf(() -> sns.publish(b -> b.phoneNumber("12ab").message("m"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.publish(b -> b.phoneNumber(MobileTesting.uniquePhoneNumber())
        .message("x".repeat(1601)))));
    assertEquals("InvalidParameter", codeOf(() -> sns.publish(b -> b.phoneNumber(MobileTesting.uniquePhoneNumber())
        .topicArn("arn:aws:sns:us-east-1:000000000000:t").message("m"))));
    assertTrue(codeOf(() -> sns.publish(b -> b.phoneNumber(MobileTesting.uniquePhoneNumber()))).equals("InvalidParameter"));
  }
}

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
 * Mobile push through the AWS SDK v2, on each engine: Publish to an endpoint (TargetArn) and to a
 * topic with an endpoint subscribed, delivered to the platform's webhook or kept in the outbox.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PlatformDeliveryTest {
  @Parameter
  Engine engine;

  private static String application(SnsClient sns, String platform) {
    return sns.createPlatformApplication(b -> b.name(TestSluice.uniqueName("app")).platform(platform)
        .attributes(Map.of("PlatformCredential", "key", "PlatformPrincipal", "principal"))).platformApplicationArn();
  }

  private static String endpoint(SnsClient sns, String app, String token) {
    return sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token(token)).endpointArn();
  }

  @Test
  void publishToAnEndpointPostsToItsPlatformsWebhook() {
    try (PushWebhook gcm = new PushWebhook();
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_PLATFORM_WEBHOOKS", "GCM=" + gcm.url("/gcm")))) {
      // Given a GCM endpoint
      SnsClient sns = node.sns();
      String arn = endpoint(sns, application(sns, "GCM"), "fcm-token-1");

      // When a message with an attribute is published to it
      String messageId = sns.publish(b -> b.targetArn(arn).message("hello device")
          .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("greeting")
              .build()))).messageId();

      // Then the webhook receives it with the endpoint's token
      JsonNode push = gcm.await(body -> body.path("messageId").asText().equals(messageId));
      assertEquals(arn, push.path("endpointArn").asText());
      assertEquals("fcm-token-1", push.path("token").asText());
      assertEquals("GCM", push.path("platform").asText());
      assertEquals("hello device", push.path("message").asText());
      assertEquals("greeting", push.path("messageAttributes").path("kind").path("Value").asText());
    }
  }

  @Test
  void aStructuredMessageSendsThePlatformsOwnEntry() {
    try (PushWebhook apns = new PushWebhook();
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_PLATFORM_WEBHOOKS", "APNS=" + apns.url("/apns")))) {
      // Given an APNS endpoint
      SnsClient sns = node.sns();
      String arn = endpoint(sns, application(sns, "APNS"), "abc123");

      // When messages with per-platform entries are published, one without a default
      String own = sns.publish(b -> b.targetArn(arn).messageStructure("json")
          .message("{\"default\":\"plain\",\"APNS\":\"{\\\"aps\\\":{\\\"alert\\\":\\\"hi\\\"}}\"}")).messageId();
      String onlyApns = sns.publish(b -> b.targetArn(arn).messageStructure("json")
          .message("{\"APNS\":\"apns only\"}")).messageId();
      String missing = codeOf(() -> sns.publish(b -> b.targetArn(arn).messageStructure("json")
          .message("{\"GCM\":\"not for apple\"}")));

      // Then the APNS entries are sent, and a message with neither default nor APNS is refused
      assertEquals("{\"aps\":{\"alert\":\"hi\"}}",
          apns.await(body -> body.path("messageId").asText().equals(own)).path("message").asText());
      assertEquals("apns only", apns.await(body -> body.path("messageId").asText().equals(onlyApns))
          .path("message").asText());
      assertEquals("InvalidParameter", missing);
    }
  }

  @Test
  void aTopicDeliversToSubscribedEndpointsWithTheirPlatformsEntry() {
    try (PushWebhook hooks = new PushWebhook();
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_PLATFORM_WEBHOOKS", "GCM=" + hooks.url("/gcm") + ",ADM=" + hooks.url("/adm")))) {
      // Given a topic with a GCM and an ADM endpoint subscribed
      SnsClient sns = node.sns();
      String gcm = endpoint(sns, application(sns, "GCM"), "g");
      String adm = endpoint(sns, application(sns, "ADM"), "a");
      String topic = sns.createTopic(b -> b.name(TestSluice.uniqueName("push"))).topicArn();
      sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(gcm));
      sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(adm));

      // When a structured message with a GCM entry is published to the topic
      String id = sns.publish(b -> b.topicArn(topic).messageStructure("json")
          .message("{\"default\":\"everyone\",\"GCM\":\"android\"}")).messageId();

      // Then GCM gets its entry and ADM the default
      assertEquals("android", hooks.await(body -> body.path("messageId").asText().equals(id)
          && body.path("endpointArn").asText().equals(gcm)).path("message").asText());
      assertEquals("everyone", hooks.await(body -> body.path("messageId").asText().equals(id)
          && body.path("endpointArn").asText().equals(adm)).path("message").asText());
    }
  }

  @Test
  void anEndpointThePushServiceRefusesIsDisabled() {
    try (PushWebhook gone = new PushWebhook(410);
         TestSluice node = TestSluice.start(engine, InstantSource.system(),
             Map.of("SLUICE_SNS_PLATFORM_WEBHOOKS", "GCM=" + gone.url("/gcm")))) {
      // Given an endpoint whose token the push service no longer knows
      SnsClient sns = node.sns();
      String arn = endpoint(sns, application(sns, "GCM"), "unregistered");

      // When a message is published to it
      sns.publish(b -> b.targetArn(arn).message("lost"));

      // Then the push service saw it, SNS disabled the endpoint, and the next publish is refused
      gone.await(body -> body.path("endpointArn").asText().equals(arn));
      assertEquals("false", sns.getEndpointAttributes(b -> b.endpointArn(arn)).attributes().get("Enabled"));
      assertEquals("EndpointDisabled", codeOf(() -> sns.publish(b -> b.targetArn(arn).message("again"))));
    }
  }

  @Test
  void withoutAWebhookPushesAreKeptInTheOutbox() {
    // Given an endpoint of a platform without a webhook, subscribed to a topic
    TestSluice node = TestSluice.shared(engine);
    SnsClient sns = node.sns();
    String arn = endpoint(sns, application(sns, "WNS"), "wns-channel");
    String topic = sns.createTopic(b -> b.name(TestSluice.uniqueName("push"))).topicArn();
    sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(arn));

    // When a message is published to it directly and one to the topic
    String direct = sns.publish(b -> b.targetArn(arn).message("direct")).messageId();
    String viaTopic = sns.publish(b -> b.topicArn(topic).message("via topic")).messageId();

    // Then both are in the outbox, with platform and token
    List<JsonNode> kept = awaitOutbox(node, arn, 2);
    assertEquals(List.of(direct, viaTopic).stream().sorted().toList(),
        kept.stream().map(m -> m.path("messageId").asText()).sorted().toList());
    JsonNode first = kept.stream().filter(m -> m.path("messageId").asText().equals(direct)).findFirst().orElseThrow();
    assertEquals("direct", first.path("body").asText());
    assertEquals("WNS", first.path("details").path("platform").asText());
    assertEquals("wns-channel", first.path("details").path("token").asText());
  }

  @Test
  void publishingToDisabledEndpointsOrApplicationsFails() {
    // Given an endpoint that is disabled, and one of an application that is disabled
    SnsClient sns = TestSluice.shared(engine).sns();
    String app = application(sns, "GCM");
    String disabled = endpoint(sns, app, "off");
    sns.setEndpointAttributes(b -> b.endpointArn(disabled).attributes(Map.of("Enabled", "false")));
    String otherApp = application(sns, "GCM");
    String ofDisabledApp = endpoint(sns, otherApp, "on");
    sns.setPlatformApplicationAttributes(b -> b.platformApplicationArn(otherApp).attributes(Map.of("Enabled", "false")));

    // When messages are published to them, and to a deleted endpoint
    String endpointDisabled = codeOf(() -> sns.publish(b -> b.targetArn(disabled).message("m")));
    String applicationDisabled = codeOf(() -> sns.publish(b -> b.targetArn(ofDisabledApp).message("m")));
    String deleted = endpoint(sns, app, "deleted");
    sns.deleteEndpoint(b -> b.endpointArn(deleted));
    String noEndpoint = codeOf(() -> sns.publish(b -> b.targetArn(deleted).message("m")));

    // Then each names its reason
    assertEquals("EndpointDisabled", endpointDisabled);
    assertEquals("PlatformApplicationDisabled", applicationDisabled);
    assertEquals("InvalidParameter", noEndpoint);
  }

  @Test
  void aTopicDoesNotDeliverToADisabledEndpoint() {
    // Given a topic with a disabled endpoint and an enabled one subscribed
    TestSluice node = TestSluice.shared(engine);
    SnsClient sns = node.sns();
    String app = application(sns, "MPNS");
    String off = endpoint(sns, app, "off");
    String on = endpoint(sns, app, "on");
    sns.setEndpointAttributes(b -> b.endpointArn(off).attributes(Map.of("Enabled", "false")));
    String topic = sns.createTopic(b -> b.name(TestSluice.uniqueName("push"))).topicArn();
    sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(off));
    sns.subscribe(b -> b.topicArn(topic).protocol("application").endpoint(on));

    // When a message is published to the topic
    sns.publish(b -> b.topicArn(topic).message("only to the enabled one"));

    // Then only the enabled endpoint gets it
    awaitOutbox(node, on, 1);
    assertTrue(MobileTesting.outbox(node, "application", off).isEmpty());
  }

  private static List<JsonNode> awaitOutbox(TestSluice node, String endpoint, int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    List<JsonNode> kept = MobileTesting.outbox(node, "application", endpoint);
    while (kept.size() < count && System.currentTimeMillis() < deadline) {
      sleep();
      kept = MobileTesting.outbox(node, "application", endpoint);
    }
    assertEquals(count, kept.size(), "outbox of " + endpoint + ": " + kept);
    return kept;
  }

  private static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

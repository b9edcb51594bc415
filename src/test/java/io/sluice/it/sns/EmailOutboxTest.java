package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Without an SMTP server (the default), email and email-json mails are kept in the outbox at
 * {@code GET /_sluice/sns/outbox?protocol=email}, where a developer can read them and follow their
 * links; a kept mail counts as delivered.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class EmailOutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern SUBSCRIBE_URL = Pattern.compile("http://\\S+Action=ConfirmSubscription\\S+");

  @Parameter
  Engine engine;

  private SnsClient sns() {
    return TestSluice.shared(engine).sns();
  }

  private String get(String url) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.body();
  }

  /** Waits for a mail to {@code address} with {@code subject} in the outbox listing of {@code protocol}. */
  private JsonNode awaitKept(String protocol, String address, String subject) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      JsonNode listing = JSON.readTree(get(TestSluice.shared(engine).endpoint() + "/_sluice/sns/outbox?protocol="
          + protocol));
      for (JsonNode m : listing.path("messages")) {
        seen.add(m);
        if (address.equals(m.path("endpoint").asText()) && subject.equals(m.path("details").path("subject").asText())) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + protocol + " mail '" + subject + "' to " + address + " in " + seen);
  }

  @Test
  void withoutAnSmtpServerMailsAreKeptInTheOutboxAndTheirLinksWork() throws Exception {
    // Given a topic and an email subscription on a node without SMTP server
    String topicArn = sns().createTopic(b -> b.name(TestSluice.uniqueName("outbox-mail"))).topicArn();
    String address = TestSluice.uniqueName("kept") + "@example.com";
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint(address)
        .returnSubscriptionArn(true)).subscriptionArn();

    // When the kept confirmation's SubscribeURL is followed and a message is published
    JsonNode confirmation = awaitKept("email", address, "AWS Notification - Subscription Confirmation");
    Matcher url = SUBSCRIBE_URL.matcher(confirmation.path("body").asText());
    assertTrue(url.find(), confirmation.toString());
    get(url.group());
    String messageId = sns().publish(b -> b.topicArn(topicArn).subject("kept news").message("in the outbox"))
        .messageId();

    // Then the subscription is confirmed and the notification mail is in the outbox
    assertEquals("false", sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes()
        .get("PendingConfirmation"));
    JsonNode mail = awaitKept("email", address, "kept news");
    assertEquals(messageId, mail.path("messageId").asText());
    assertEquals(address, mail.path("details").path("to").asText());
    assertTrue(mail.path("body").asText().startsWith("in the outbox\n"), mail.toString());
  }

  @Test
  void emailJsonMailsAreKeptUnderTheirOwnProtocol() throws Exception {
    // Given an email-json subscription on a node without SMTP server
    String topicArn = sns().createTopic(b -> b.name(TestSluice.uniqueName("outbox-json"))).topicArn();
    String address = TestSluice.uniqueName("kept-json") + "@example.com";
    sns().subscribe(b -> b.topicArn(topicArn).protocol("email-json").endpoint(address));

    // When its confirmation is looked up in the outbox
    JsonNode kept = awaitKept("email-json", address, "AWS Notification - Subscription Confirmation");

    // Then it is the SubscriptionConfirmation document
    JsonNode document = JSON.readTree(kept.path("body").asText());
    assertEquals("SubscriptionConfirmation", document.path("Type").asText());
    assertEquals(document.path("MessageId").asText(), kept.path("messageId").asText());
  }
}
